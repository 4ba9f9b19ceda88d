/**
 * `npm start` supervising its children during a burst of mail: 60 reminders
 * due at one minute; while they go out, the Temporal dev server is killed
 * with -9, then the guard that runs it. Each time npm start says so and
 * starts it again; no reminder is lost (and any sent twice carries the same
 * Message-ID, so a mail client shows it once). Then npm start itself is
 * killed with -9, and nothing of it is left running.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { receivedMail } from '../acceptance/outbox';
import {
  killGroup,
  leftOver,
  mandate,
  npmStart,
  processes,
  type RunningProduct,
} from '../acceptance/product';
import { FAULT_SUITE, report, tempDir } from './support';

const TASKS = 60;
let product: RunningProduct | undefined;

afterAll(() => killGroup(product));

/** A process below `root` whose command line holds `text`. */
function below(root: number, text: string): number | undefined {
  const all = processes();
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  return all.find((p) => tree.has(p.pid) && p.pid !== root && p.command.includes(text))?.pid;
}

describe.skipIf(!FAULT_SUITE)('npm start supervises what it runs', () => {
  it('restarts a killed dev server and its guard during a burst of mail; nothing is lost', async () => {
    product = await npmStart();
    const at = DateTime.utc().plus({ seconds: 50 }).startOf('minute').plus({ minutes: 1 });
    const catalog = join(tempDir('faults-supervision'), 'burst.yaml');
    writeFileSync(
      catalog,
      `version: 2
resolution: { id: burst, title: Burst, adoptedBy: Test Council, timezone: UTC }
people:
${Array.from({ length: TASKS }, (_, i) => `  p${i}: { name: Person ${i}, email: p${i}@example.org, timezone: UTC }`).join('\n')}
defaults: { reminders: [P2D], sendAt: "${at.toFormat('HH:mm')}", overdueEvery: null, skipWeekends: false }
tasks:
${Array.from(
  { length: TASKS },
  (_, i) => `  - id: t${i}
    clause: c${i}
    title: Task ${i}
    responsible: Secretariat
    assignees: [p${i}]
    due: ${at.plus({ days: 2 }).toISODate()}
    deliverables: [{ id: r, title: R, kind: text }]`,
).join('\n')}
`,
    );
    const started = await mandate(product, ['start', catalog]);
    expect(started.code, started.stderr).toBe(0);
    const outbox = join(product.dataDir, 'outbox');
    const main = product.runtime()!;
    expect(main.command).toBe('node scripts/run.js start');
    const mainPid = main.pid;

    // The burst begins: kill the dev server, then, once it is back, its guard.
    await expect
      .poll(async () => (await receivedMail(outbox)).length, { timeout: 150_000, interval: 200 })
      .toBeGreaterThan(0);
    const log: string[] = [];
    for (const [what, pattern] of [
      ['the Temporal dev server', 'start-dev'],
      ['its guard', 'node:child_process'],
    ] as const) {
      const pid = below(mainPid, pattern);
      expect(pid, what).toBeDefined();
      const sent = (await receivedMail(outbox)).length;
      process.kill(pid!, 'SIGKILL');
      const backs = product.output().split('is back on').length;
      await expect
        .poll(() => product!.output().split('is back on').length, { timeout: 60_000 })
        .toBe(backs + 1);
      log.push(`kill -9 of ${what} (pid ${pid}) after ${sent} mails: restarted`);
    }
    await expect
      .poll(async () => new Set((await receivedMail(outbox)).map((m) => m.messageId)).size, {
        timeout: 180_000,
        interval: 500,
      })
      .toBe(TASKS);
    const mails = await receivedMail(outbox);
    const recipients = new Set(mails.map((m) => m.recipient));
    expect(recipients.size).toBe(TASKS);
    const lines = product
      .output()
      .split('\n')
      .filter((l) => /stopped unexpectedly|restarting|is back on/.test(l));
    expect(lines).toHaveLength(6);

    // kill -9 of npm start's own process: the guard stops the dev server.
    process.kill(mainPid, 'SIGKILL');
    await expect.poll(() => leftOver(product!), { timeout: 20_000 }).toEqual([]);
    report(
      `supervision: ${log.join('; ')}; the log said: ${lines.map((l) => l.trim()).join(' | ')}; ${TASKS} reminders due, ${new Set(mails.map((m) => m.messageId)).size} distinct received (${mails.length - TASKS} sent twice, same Message-ID); after kill -9 of npm start: nothing left`,
    );
  }, 420_000);
});
