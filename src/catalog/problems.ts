/** Catalog problems: where (line and column of the YAML node), which field, and what is expected. */

export interface CatalogProblem {
  line: number;
  column: number;
  /** Field path such as `tasks[3].due`; empty for YAML syntax errors. */
  path: string;
  message: string;
}

/** `FILE:LINE:COLUMN: path: message`, one problem a line, as `catalog validate` prints it. */
export function formatProblem(file: string, problem: CatalogProblem): string {
  const where = `${file}:${problem.line}:${problem.column}`;
  return problem.path
    ? `${where}: ${problem.path}: ${problem.message}`
    : `${where}: ${problem.message}`;
}

/** Thrown by every command that reads an invalid catalog, before it changes anything. */
export class CatalogInvalidError extends Error {
  constructor(
    readonly file: string,
    readonly problems: CatalogProblem[],
  ) {
    super(
      `${file} is not a valid catalog (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => formatProblem(file, p)).join('\n'),
    );
    this.name = 'CatalogInvalidError';
  }
}
