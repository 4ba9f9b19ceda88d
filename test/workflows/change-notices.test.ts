/**
 * The conversation around a task, under time skipping with the real mail
 * activity and a real SMTP sink: every change a person must know of reaches
 * them once, in their language, threaded to the task's first mail, with the
 * calendar method and SEQUENCE a calendar program needs; and a task on hold
 * sends nothing until it resumes, then moves by the days it was held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import { validateCatalogText } from '../../src/catalog/validate';
import { WORDS } from '../../src/i18n/mail-words';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import type { Catalog, Locale } from '../../src/shared/types';
import {
  extendUpdate,
  holdUpdate,
  occurrenceWorkflowId,
  reassignUpdate,
  resumeUpdate,
  reviewUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
} from '../../src/shared/workflow-api';
import { addDays } from '../../src/time/duration';
import { wallTimeToInstant } from '../../src/time/wall-clock';
import { createMandateWorker } from '../../src/worker/create-worker';
import type { taskOccurrenceWorkflow } from '../../workflows/task-occurrence';
import { parseStrict, only } from '../calendar/strict-ical';
import {
  mailHarness,
  timeSkippingEnv,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ZONE = 'Europe/Zurich';
const TASK_QUEUE = 'change-notice-tests';

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
/** Addresses refused once with 451, to see a retried notice arrive once. */
const refuseOnce = new Set<string>();

beforeAll(async () => {
  env = await timeSkippingEnv();
  mail = await mailHarness({
    refuse: ({ to, raw }) => {
      const kind = /^X-Mandate-Kind: *(\S+)/im.exec(raw.toString('utf8'))?.[1];
      const hit = to.find((address) => refuseOnce.has(`${kind}:${address}`));
      if (!hit) return undefined;
      refuseOnce.delete(`${kind}:${hit}`);
      return { code: 451, message: 'mailbox busy, try again later' };
    },
  });
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities: mail.activities,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
  await mail?.close();
});

function catalogFor(id: string, due: string): Catalog {
  const { catalog, problems } = validateCatalogText(`
version: 1
resolution:
  id: notices
  title: Change notices
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
  fr: { name: Point focal, email: fr@example.org, timezone: Europe/Paris, locale: fr }
  zh: { name: 联络人, email: zh@example.org, timezone: Asia/Shanghai, locale: zh }
  ar: { name: جهة الاتصال, email: ar@example.org, timezone: Asia/Riyadh, locale: ar }
  boss: { name: Boss, email: boss@example.org, locale: en }
defaults:
  reminders: [P14D, P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  skipWeekends: true
tasks:
  - id: ${id}
    clause: "requests 2"
    title: Report ${id}
    responsible: Secretariat
    assignees: [fr, zh]
    manager: boss
    due: ${due}
    deliverables:
      - { id: report, title: The report, kind: link }
`);
  if (!catalog) throw new Error(JSON.stringify(problems));
  return catalog;
}

type Handle = WorkflowHandle<typeof taskOccurrenceWorkflow>;

async function start(id: string): Promise<{ handle: Handle; catalog: Catalog; due: string }> {
  let date = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
    .startOf('day')
    .plus({ days: 20 });
  while (date.weekday !== 1) date = date.plus({ days: 1 });
  const due = date.toISODate()!;
  const catalog = catalogFor(id, due);
  const tmpl = taskTemplate(catalog, catalog.tasks[0]!);
  const handle = await env.client.workflow.start<typeof taskOccurrenceWorkflow>(
    'taskOccurrenceWorkflow',
    {
      taskQueue: TASK_QUEUE,
      workflowId: occurrenceWorkflowId('notices', id, due),
      args: [{ schedule: scheduleFor(tmpl, due), info: tmpl.info, searchAttributes: false }],
    },
  );
  return { handle, catalog, due };
}

interface Received {
  kind: string;
  to: string;
  parsed: ParsedMail;
}

async function receivedFor(task: string): Promise<Received[]> {
  const out: Received[] = [];
  for (const m of mail.sink.received) {
    const parsed = await simpleParser(m.raw);
    if (parsed.headers.get('x-mandate-task') !== task) continue;
    for (const to of m.to)
      out.push({ kind: String(parsed.headers.get('x-mandate-kind')), to, parsed });
  }
  return out;
}

/** Waits until the sink has `count` messages of `kind` for the task, then returns them. */
async function waitFor(task: string, kind: string, count: number): Promise<Received[]> {
  await expect
    .poll(async () => (await receivedFor(task)).filter((r) => r.kind === kind).length, {
      timeout: 20_000,
    })
    .toBe(count);
  return (await receivedFor(task)).filter((r) => r.kind === kind);
}

function calendarOf(parsed: ParsedMail) {
  const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return undefined;
  const calendar = parseStrict(part.content.toString('utf8'));
  const event = only(calendar, 'vevent');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    description: String(event.getFirstPropertyValue('description')),
    organizer: String(event.getFirstPropertyValue('organizer')),
  };
}

const LOCALE_OF: Record<string, Locale> = {
  'fr@example.org': 'fr',
  'zh@example.org': 'zh',
  'ar@example.org': 'ar',
};

function expectInLanguage(r: Received, kind: keyof (typeof WORDS)['en']['subject']): void {
  const locale = LOCALE_OF[r.to]!;
  const words = WORDS[locale];
  expect(r.parsed.subject).toBe(
    (words.subject[kind] as (t: string) => string)(`Report ${taskOf(r)}`),
  );
  expect(r.parsed.text).toContain(words.intro[kind]);
  expect(r.parsed.headers.get('content-language')).toBe(locale);
  expect(r.parsed.headers.get('x-auto-response-suppress')).toBe('All');
  expect(r.parsed.headers.get('auto-submitted')).toBe('auto-generated');
  expect(r.parsed.replyTo?.value[0]?.address).toBe('boss@example.org');
}

function taskOf(r: Received): string {
  return String(r.parsed.headers.get('x-mandate-task'));
}

const at = (date: string, time = '09:00') => wallTimeToInstant(date, time, ZONE);

async function advanceTo(target: number): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target; now = await env.currentTimeMs())
    await env.sleep(Math.min(7 * DAY, target - now));
}

describe('notices of changes', () => {
  it('return, extension, reassignment, hold and resume, acceptance: each once, in each language, threaded', async () => {
    const { handle, due } = await start('talk');
    const task = 'talk';

    // Each person's first reminder opens their conversation: their later mail replies to it.
    await advanceTo(at(addDays(due, -14)) + HOUR);
    const [first] = await waitFor(task, 'reminder', 2);
    expect(first).toBeDefined();
    const view0 = await handle.query(statusQuery);
    const roots = new Map<string, string>();
    for (const h of view0.history)
      if (h.type === 'message' && !roots.has(h.message.to))
        roots.set(h.message.to, h.message.messageId);
    expect([...roots.keys()].sort()).toEqual(['fr@example.org', 'zh@example.org']);
    const rootOf = (to: string) => roots.get(to) ?? `no first mail to ${to}`;

    // A return, with the comment, the link to hand in again, a REQUEST of the same SEQUENCE.
    await handle.executeUpdate(submitUpdate, {
      args: [
        {
          by: 'fr',
          deliverableId: 'report',
          payload: { kind: 'link', url: 'https://example.org/r' },
        },
      ],
    });
    refuseOnce.add('returned:zh@example.org');
    await handle.executeUpdate(reviewUpdate, {
      args: [{ by: 'Officer Smith', decision: 'return', comment: 'The annex is missing' }],
    });
    const returned = await waitFor(task, 'returned', 2);
    for (const r of returned) {
      expectInLanguage(r, 'returned');
      expect(r.parsed.text).toContain('The annex is missing');
      expect(r.parsed.text).toContain(WORDS[LOCALE_OF[r.to]!].handInAgain);
      expect(r.parsed.text).toMatch(/\/hand-in\?/);
      expect(r.parsed.inReplyTo).toBe(rootOf(r.to));
      expect(r.parsed.references).toContain(rootOf(r.to));
      expect(calendarOf(r.parsed)).toMatchObject({ method: 'REQUEST', sequence: 0 });
    }
    // The refused first attempt was retried with the same Message-ID: one message.
    expect(returned.filter((r) => r.to === 'zh@example.org')).toHaveLength(1);

    // An extension: the new date, the reason, the old date, SEQUENCE raised.
    const newDue = addDays(due, 7);
    await handle.executeUpdate(extendUpdate, {
      args: [{ by: 'Officer Smith', dueDate: newDue, reason: 'Council moved' }],
    });
    const extended = await waitFor(task, 'extended', 2);
    for (const r of extended) {
      expectInLanguage(r, 'extended');
      expect(r.parsed.text).toContain('Council moved');
      expect(r.parsed.text).toContain(WORDS[LOCALE_OF[r.to]!].previousDue);
      expect(calendarOf(r.parsed)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    }
    const fr = extended.find((r) => r.to === 'fr@example.org')!;
    const newDay = DateTime.fromISO(newDue).setLocale('fr-FR').toLocaleString(DateTime.DATE_FULL);
    expect(fr.parsed.text).toContain(`Échéance\u00a0: ${newDay}, fin de journée`);

    // A reassignment: the new assignee gets the task and a REQUEST, the removed one a CANCEL.
    const people = catalogFor(task, due).people;
    await handle.executeUpdate(reassignUpdate, {
      args: [{ by: 'Officer Smith', assignees: [people.fr!, people.ar!], reason: 'Desk moved' }],
    });
    const [assigned] = await waitFor(task, 'assigned', 1);
    expect(assigned!.to).toBe('ar@example.org');
    expectInLanguage(assigned!, 'assigned');
    expect(assigned!.parsed.text).toMatch(/\/hand-in\?/);
    expect(calendarOf(assigned!.parsed)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    const [unassigned] = await waitFor(task, 'unassigned', 1);
    expect(unassigned!.to).toBe('zh@example.org');
    expectInLanguage(unassigned!, 'unassigned');
    expect(unassigned!.parsed.text).not.toMatch(/\/hand-in\?/);
    const cancel = calendarOf(unassigned!.parsed)!;
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.description).not.toMatch(/hand-in/);

    // On hold: a notice, a second hold refused, nothing planned goes out while held.
    const heldAt = await env.currentTimeMs();
    await handle.executeUpdate(holdUpdate, {
      args: [{ by: 'Officer Smith', reason: 'Awaiting Council' }],
    });
    await waitFor(task, 'on-hold', 2);
    const again = handle.executeUpdate(holdUpdate, {
      args: [{ by: 'Officer Smith', reason: 'again' }],
    });
    await expect(again).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(again).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/already on hold/) },
    });
    expect((await handle.query(statusQuery)).status).toBe('on-hold');
    const planned = (await receivedFor(task)).filter((r) => r.kind === 'reminder').length;
    // Held across the P14D reminder of the extended date: it does not go out.
    const resumeAt = heldAt + 8 * DAY - HOUR;
    const skipped = at(addDays(newDue, -14));
    expect(skipped).toBeGreaterThan(heldAt);
    expect(skipped).toBeLessThan(resumeAt);
    await advanceTo(resumeAt);
    expect((await receivedFor(task)).filter((r) => r.kind === 'reminder')).toHaveLength(planned);

    // Resumed after 7 days 23 hours: the due date moves by 8 whole days, SEQUENCE rises again.
    const resumed = await handle.executeUpdate(resumeUpdate, { args: [{ by: 'Officer Smith' }] });
    expect(resumed.due.date).toBe(addDays(newDue, 8));
    expect(resumed.sequence).toBe(2);
    expect(resumed.status).not.toBe('on-hold');
    expect(resumed.history.filter((h) => h.type === 'held' || h.type === 'resumed')).toMatchObject([
      { type: 'held', by: 'Officer Smith', reason: 'Awaiting Council' },
      { type: 'resumed', by: 'Officer Smith', days: 8 },
    ]);
    for (const r of await waitFor(task, 'resumed', 2)) {
      expectInLanguage(r, 'resumed');
      expect(calendarOf(r.parsed)).toMatchObject({ method: 'REQUEST', sequence: 2 });
    }
    // Later messages follow the moved date.
    expect(Date.parse(resumed.next[0]!.at)).toBeGreaterThan(resumeAt);

    // Handed in again and accepted: a short thank-you.
    await handle.executeUpdate(submitUpdate, {
      args: [
        {
          by: 'ar',
          deliverableId: 'report',
          payload: { kind: 'link', url: 'https://example.org/r2' },
        },
      ],
    });
    const sequenceBefore = (await handle.query(statusQuery)).sequence;
    await handle.executeUpdate(reviewUpdate, {
      args: [{ by: 'Officer Smith', decision: 'accept' }],
    });
    // Accepted: the thank-you takes the deadline out of the calendar (a CANCEL, SEQUENCE raised).
    for (const r of await waitFor(task, 'accepted', 2)) {
      expectInLanguage(r, 'accepted');
      expect(calendarOf(r.parsed)).toMatchObject({
        method: 'CANCEL',
        sequence: sequenceBefore + 1,
      });
    }

    // One message per change and recipient, and every one of them threaded.
    const all = await receivedFor(task);
    const ids = all.map((r) => `${r.parsed.messageId} ${r.to}`);
    expect(new Set(ids).size).toBe(ids.length);
    // A person assigned later starts their own conversation with the mail that told them.
    for (const h of (await handle.query(statusQuery)).history)
      if (h.type === 'message' && !roots.has(h.message.to))
        roots.set(h.message.to, h.message.messageId);
    const rootIds = new Set(roots.values());
    for (const r of all) {
      const root = rootIds.has(r.parsed.messageId ?? '');
      expect(r.parsed.inReplyTo, `${r.parsed.subject} to ${r.to}`).toBe(
        root ? undefined : rootOf(r.to),
      );
    }
  });

  it('a waiver cancels the calendar entry with SEQUENCE raised and asks for nothing', async () => {
    const { handle } = await start('gone');
    await handle.executeUpdate(waiveUpdate, {
      args: [{ by: 'Officer Smith', reason: 'Overtaken' }],
    });
    const cancelled = await waitFor('gone', 'cancellation', 2);
    for (const r of cancelled) {
      const calendar = calendarOf(r.parsed)!;
      expect(calendar).toMatchObject({ method: 'CANCEL', sequence: 1 });
      expect(calendar.description).not.toContain(WORDS[LOCALE_OF[r.to]!].handIn);
      expect(calendar.description).not.toMatch(/hand-in/);
      expect(r.parsed.text).toContain('Overtaken');
      expect(r.parsed.text).not.toMatch(/\/hand-in\?/);
    }
  });
});
