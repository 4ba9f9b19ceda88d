/**
 * Vitest global setup: every process a test run starts (servers, workers,
 * browsers, the product itself) carries this run's tag in its environment;
 * at the end, whatever still carries it was left behind by a test. It is
 * killed, and the run fails naming it, so that no run leaves a process.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const TAG = 'TEST_RUN_PROCESS_TAG';

/** Processes (other than this one) whose environment holds `TAG=tag`. */
function tagged(tag: string): { pid: number; command: string }[] {
  const wanted = `${TAG}=${tag}`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(wanted)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      found.push({ pid, command });
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

export default function setup(): () => Promise<void> {
  const tag = randomUUID();
  process.env[TAG] = tag;
  return async function teardown() {
    // Vitest's own workers and what is stopping take a moment to go.
    const deadline = Date.now() + 10_000;
    let left = tagged(tag);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      left = tagged(tag);
    }
    if (left.length === 0) return;
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    // Vitest reports an error thrown here but still exits 0: the exit code says it instead.
    process.stderr.write(
      `\nFAIL the test run left ${left.length} process(es) running (now killed): ${left
        .map((p) => `${p.pid} ${p.command.slice(0, 160)}`)
        .join('; ')}\n`,
    );
    process.exitCode = 1;
  };
}
