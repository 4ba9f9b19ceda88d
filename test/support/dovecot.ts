/**
 * A real IMAP server for tests: Debian's Dovecot, started with a configuration
 * in a temporary folder (loopback port, plain login against a passwd-file,
 * one maildir per user), stopped on `close`. A missing Dovecot fails the test.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { requireProgram, requireSystemUser } from './system-dependency';

export const DOVECOT_PATH = '/usr/sbin/dovecot';

/** Fails at once, naming the package, when Dovecot is not installed. */
export function requireDovecot(): void {
  const forWhat = 'the bounce and mailbox tests read a real IMAP server';
  requireProgram(DOVECOT_PATH, 'dovecot-imapd', forWhat);
  if (process.getuid?.() === 0) requireSystemUser('dovecot', 'dovecot-imapd', forWhat);
}

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The server's log, for a failing test's message. */
  log(): string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (greeting) => {
      socket.destroy();
      resolve(greeting.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts Dovecot with one mailbox user (`bounces`); resolves once it greets on its port. */
export async function startDovecot(): Promise<Dovecot> {
  requireDovecot();
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-'));
  const root = process.getuid?.() === 0;
  // As root, Dovecot's own users run the login and internal processes and own the mail;
  // otherwise everything runs as the current user.
  const self = userInfo().username;
  const mailUid = root
    ? Number(execFileSync('id', ['-u', 'dovecot']).toString())
    : process.getuid!();
  const mailGid = root
    ? Number(execFileSync('id', ['-g', 'dovecot']).toString())
    : process.getgid!();
  chmodSync(dir, 0o755);
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  if (root) chownSync(mail, mailUid, mailGid);
  const port = await freePort();
  const user = 'bounces';
  const password = 'bounce-reader-secret';
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}::::::\n`);
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
first_valid_uid = ${Math.min(mailUid, 100)}
${root ? '' : `default_login_user = ${self}\ndefault_internal_user = ${self}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  ${root ? '' : 'chroot ='}
}
service anvil {
  ${root ? '' : 'chroot ='}
}
service stats {
  inet_listener http {
    port = 0
  }
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT_PATH, ['-F', '-c', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const log = () => {
    let text = stderr;
    try {
      text += readFileSync(join(dir, 'dovecot.log'), 'utf8');
    } catch {
      // No log yet.
    }
    return text;
  };
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    log,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
