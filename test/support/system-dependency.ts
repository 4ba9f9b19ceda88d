/**
 * A program from the system's packages that a test suite needs. A missing
 * one fails at once with one line naming the Debian package to install, not
 * somewhere deep in the test with the program's own error.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export class MissingSystemDependencyError extends Error {
  override name = 'MissingSystemDependencyError';
}

const install = (pkg: string) =>
  `install Debian's ${pkg} (apt-get install --no-install-recommends ${pkg}; .ci/run does)`;

/** Fails unless the executable at `path` exists. */
export function requireProgram(path: string, debianPackage: string, forWhat: string): void {
  if (!existsSync(path))
    throw new MissingSystemDependencyError(
      `${path} is missing, ${forWhat}: ${install(debianPackage)}`,
    );
}

/** Fails unless the system user `name` exists (a package's own service user). */
export function requireSystemUser(name: string, debianPackage: string, forWhat: string): void {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
  } catch {
    throw new MissingSystemDependencyError(
      `the system user ${name} is missing, ${forWhat}: ${install(debianPackage)}`,
    );
  }
}
