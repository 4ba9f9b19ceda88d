/**
 * Which process holds a busy port, so that `npm start` can say "an old
 * npm start (pid 1234) still runs" instead of a bare EADDRINUSE. Linux only
 * (/proc/net/tcp* and /proc/<pid>/fd); elsewhere, or for another user's
 * process, it says the port is busy and nothing more.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** Socket inodes listening on `port` (state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (!local || fields[3] !== '0A') continue;
      if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && fields[9])
        inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** "pid 1234 (node scripts/run.js start)" for the process listening on `port`, if it can be seen. */
export function portHolder(port: number): string | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        let command = '';
        try {
          command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
        } catch {
          // the process ended meanwhile
        }
        return `pid ${pid}${command ? ` (${command.slice(0, 200)})` : ''}`;
      }
    }
  }
  return undefined;
}

export class PortBusyError extends Error {
  override name = 'PortBusyError';
}

/**
 * Fails with a message naming the holder when `host:port` is taken (port 0
 * means any free port and is never busy).
 */
export async function ensurePortFree(host: string, port: number, what: string): Promise<void> {
  if (port === 0) return;
  const busy = await new Promise<boolean>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
  if (!busy) return;
  const holder = portHolder(port);
  throw new PortBusyError(
    `${what}: ${host}:${port} is already in use${
      holder
        ? ` by ${holder}; is an earlier npm start still running? Stop it, or set another port`
        : ' (by a process this user cannot see); stop it, or set another port'
    }`,
  );
}
