/**
 * The product as it ships, driven from outside: `npm start` as its own
 * process (in its own process group, with a fresh data folder and moved
 * ports), the `mandate` command as a user runs it, and what is left of
 * either afterwards. Nothing of the product is imported here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningProduct {
  /** The environment every command of this run gets: data folder and ports. */
  env: Record<string, string>;
  dataDir: string;
  url: string;
  tokens: { secretariat: string; manager: string };
  /** Everything `npm start` printed so far, stdout and stderr together. */
  output(): string;
  /** Its standard error alone. */
  errors(): string;
  child: ChildProcess;
  /** The process that runs the system below npm: its command line and its executable. */
  runtime(): { pid: number; command: string; executable: string } | undefined;
}

/** `npm start`, exactly as the README has it, until it says it is up. */
export async function npmStart(timeoutMs = 240_000): Promise<RunningProduct> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mandate-acceptance-'));
  const [temporal, ui, sink, http] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const env: Record<string, string> = {
    MANDATE_DATA_DIR: dataDir,
    MANDATE_TEMPORAL_PORT: String(temporal),
    MANDATE_UI_PORT: String(ui),
    MANDATE_SMTP_SINK_PORT: String(sink),
    MANDATE_HTTP_PORT: String(http),
    MANDATE_OPERATOR: 'acceptance',
  };
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...withoutProductSettings(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: the test's signal reaches npm alone, as Ctrl-C's would the group.
    detached: true,
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errors += chunk.toString();
  });
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const token = (role: string) => {
    const match = new RegExp(`^  ${role} +\\S+ +(\\S+)$`, 'm').exec(output);
    if (!match) throw new Error(`npm start printed no ${role} token:\n${output}`);
    return match[1]!;
  };
  return {
    env,
    dataDir,
    url: `http://127.0.0.1:${http}`,
    tokens: { secretariat: token('secretariat'), manager: token('manager') },
    output: () => output,
    errors: () => errors,
    child,
    runtime: () => {
      const below = processes().find((p) => p.ppid === child.pid);
      return (
        below && {
          pid: below.pid,
          command: below.command,
          executable: readlinkSync(`/proc/${below.pid}/exe`),
        }
      );
    },
  };
}

/** The test runner's own settings of the product are not the run's. */
function withoutProductSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env))
    if (!/^(MANDATE_|TEMPORAL_ADDRESS|SMTP_|MAIL_)/.test(key) && key !== 'NODE_OPTIONS')
      out[key] = value;
  return out;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `mandate ARGS` through the package's bin, as `npx mandate` runs it. */
export function mandate(product: RunningProduct, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mandate.js'), ...args], {
      cwd: ROOT,
      env: { ...withoutProductSettings(process.env), ...product.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Like {@link mandate}, and the command must succeed; its stdout parsed as JSON. */
export async function mandateJson<T>(product: RunningProduct, args: string[]): Promise<T> {
  const result = await mandate(product, [...args, '--json']);
  if (result.code !== 0)
    throw new Error(`mandate ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  command: string;
}

/** Every process now (Linux /proc), zombies left out. */
export function processes(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces: the fields after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), command });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * What is left of a run: processes in `npm start`'s process group, below
 * it, or naming the run's data folder (the dev server does) or ports.
 */
export function leftOver(product: RunningProduct): string[] {
  const root = product.child.pid!;
  const all = processes();
  const below = new Set<number>([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (below.has(p.ppid) && !below.has(p.pid)) {
        below.add(p.pid);
        grew = true;
      }
  }
  const ports = Object.entries(product.env)
    .filter(([key]) => key.endsWith('_PORT'))
    .map(([, value]) => value);
  return all
    .filter(
      (p) =>
        p.pid !== process.pid &&
        (p.pgid === root ||
          below.has(p.pid) ||
          p.command.includes(product.dataDir) ||
          ports.some((port) => new RegExp(`(^|[^0-9])${port}([^0-9]|$)`).test(p.command))),
    )
    .map((p) => `${p.pid} ${p.command}`);
}

/** Ctrl-C: SIGINT to npm's process; resolves with its exit code once it is gone. */
export async function stopWithSigint(
  product: RunningProduct,
  timeoutMs = 60_000,
): Promise<number | null> {
  if (product.child.exitCode !== null) return product.child.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    product.child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  process.kill(product.child.pid!, 'SIGINT');
  const timer = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), timeoutMs),
  );
  const result = await Promise.race([exited, timer]);
  if (result === 'timeout') throw new Error(`npm start did not stop within ${timeoutMs} ms`);
  return result;
}

/** The last resort of a failed run: the whole process group, killed. */
export function killGroup(product: RunningProduct | undefined): void {
  if (!product?.child.pid) return;
  try {
    process.kill(-product.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export const dataFile = (product: RunningProduct, ...parts: string[]) =>
  join(product.dataDir, ...parts);
