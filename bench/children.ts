/** Child processes of the benchmark (SMTP sink, measured worker), run with tsx and an IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Child<Request, Reply extends { type: string }> {
  process: ChildProcess;
  /** Sends a request and waits for the next reply of the given type. */
  ask<T extends Reply['type']>(
    request: Request,
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<Reply, { type: T }>>;
  /** Waits for the next reply of the given type without sending anything. */
  next<T extends Reply['type']>(type: T, timeoutMs?: number): Promise<Extract<Reply, { type: T }>>;
  stop(): Promise<void>;
}

/** Forks `bench/<file>` under tsx with extra Node flags. */
export function forkChild<Request, Reply extends { type: string }>(
  file: string,
  args: string[],
  nodeFlags: string[] = [],
): Child<Request, Reply> {
  const child = fork(join(__dirname, file), args, {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends Reply['type']>(type: T, timeoutMs = 600_000) =>
    new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${file}: no ${type} reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: Reply) => {
        if (message?.type !== type) return;
        cleanup();
        resolve(message as Extract<Reply, { type: T }>);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${file} exited (code ${code}) while waiting for ${type}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return {
    process: child,
    next,
    ask(request, type, timeoutMs) {
      const reply = next(type, timeoutMs);
      child.send(request as object);
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
