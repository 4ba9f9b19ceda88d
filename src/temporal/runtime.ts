/**
 * The Temporal runtime's logging, installed once per process: every log line
 * goes to stderr (stdout is for command output such as JSON), core logs are
 * forwarded through the same logger.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * `handleSignals: false` leaves SIGINT and SIGTERM to the caller (npm start
 * stops its children in order); by default the runtime stops workers on them.
 */
export function installRuntime(
  level: LogLevel = 'WARN',
  options: { handleSignals?: boolean } = {},
): void {
  if (installed) return;
  installed = true;
  const logger = new DefaultLogger(level, (entry) => {
    const meta =
      entry.meta && Object.keys(entry.meta).length ? ` ${JSON.stringify(entry.meta)}` : '';
    process.stderr.write(
      `${new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString()} [${entry.level}] ${entry.message}${meta}\n`,
    );
  });
  Runtime.install({
    logger,
    ...(options.handleSignals === false ? { shutdownSignals: [] } : {}),
    telemetryOptions: {
      logging: {
        filter: { core: level === 'TRACE' ? 'TRACE' : 'ERROR', other: 'ERROR' },
        forward: {},
      },
    },
  });
}
