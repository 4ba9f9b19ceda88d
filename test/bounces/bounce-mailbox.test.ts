/**
 * Bounces read later, through the whole stack: a task-occurrence workflow on
 * the time-skipping test server sends a reminder through the real mail
 * activity to a real SMTP sink; delivery status notifications for its
 * Message-ID are APPENDed to a real Dovecot mailbox; the bounce-mailbox
 * workflow's activity reads them over IMAP, records them on the task and
 * flags each message only after that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { ImapFlow } from 'imapflow';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { KEYWORDS } from '../../src/bounces/mailbox';
import {
  taskActions,
  TaskActionRejectedError,
  TaskRequestInvalidError,
} from '../../src/client/task-actions';
import { validateCatalogText } from '../../src/catalog/validate';
import type { ImapConfig } from '../../src/config/config';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import type { HistoryEntry } from '../../src/shared/task-state';
import type { Catalog } from '../../src/shared/types';
import {
  replacePerson,
  SuccessorUnknownError,
  type PersonFinder,
} from '../../src/client/replace-person';
import { successorLookup } from '../../src/client/successor';
import {
  bounceTotalsQuery,
  occurrenceWorkflowId,
  statusQuery,
} from '../../src/shared/workflow-api';
import { addDays } from '../../src/time/duration';
import { wallTimeToInstant } from '../../src/time/wall-clock';
import { createMandateWorker } from '../../src/worker/create-worker';
import type { bounceMailboxWorkflow } from '../../workflows/bounce-mailbox';
import type { taskOccurrenceWorkflow } from '../../workflows/task-occurrence';
import { startDovecot, type Dovecot } from '../support/dovecot';
import {
  mailHarness,
  timeSkippingEnv,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ZONE = 'Europe/Zurich';
const QUEUE = 'bounce-mailbox-tests';
/** The Message-ID and address the fixtures carry, replaced by the real ones. */
const FIXTURE_ID =
  '<mail-failures.bounce.2027-03-01.reminder.1798000000000.fp-one@mandate-tracker>';
const FIXTURE_TO = 'fp.one@ministry.example';

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let dovecot: Dovecot;
let imap: ImapConfig;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  // Dovecot first: without it nothing else is started (and left running).
  dovecot = await startDovecot();
  [env, mail] = await Promise.all([timeSkippingEnv(), mailHarness()]);
  imap = {
    host: dovecot.host,
    port: dovecot.port,
    tls: false,
    user: dovecot.user,
    password: dovecot.password,
    mailbox: 'INBOX',
    everyMinutes: 5,
  };
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: QUEUE,
    activities: { ...mail.activities, bounces: { imap, client: env.client } },
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
  await dovecot?.close();
});

function template(task: string, due: string) {
  const { catalog, problems } = validateCatalogText(`
version: 1
resolution:
  id: bounces
  title: Bounces read later
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
  fp: { name: Focal Point, email: fp@ministry.example, timezone: Europe/Paris, locale: fr }
  fp2: { name: Successor, email: successor@ministry.example, timezone: Europe/Paris, locale: fr }
  boss: { name: Boss, email: boss@example.org, locale: en }
defaults:
  reminders: [P14D, P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  skipWeekends: true
  escalateAfter: P14D
tasks:
  - id: ${task}
    clause: "resolves 1"
    title: Report ${task}
    responsible: Secretariat
    assignees: [fp]
    manager: boss
    due: ${due}
    deliverables:
      - { id: report, title: The report, kind: link }
`);
  if (!catalog) throw new Error(JSON.stringify(problems));
  catalogs.set(catalog.resolution.id, catalog);
  return taskTemplate(catalog, catalog.tasks[0]!);
}

const catalogs = new Map<string, Catalog>();

/** A Monday about three weeks ahead of the test server's clock. */
async function dueDate(): Promise<string> {
  let date = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
    .startOf('day')
    .plus({ days: 20 });
  while (date.weekday !== 1) date = date.plus({ days: 1 });
  return date.toISODate()!;
}

async function advanceTo(target: number): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target; now = await env.currentTimeMs())
    await env.sleep(Math.min(7 * 24 * HOUR, target - now));
}

async function receivedOfKind(kind: string) {
  const out = [];
  for (const m of mail.sink.received) {
    const parsed = await simpleParser(m.raw);
    if (parsed.headers.get('x-mandate-kind') === kind) out.push({ to: m.to, parsed });
  }
  return out;
}

/** A fixture notification rewritten for a real mail: its Message-ID, address and own id. */
function notification(name: string, messageId: string, to: string, ownId: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'dsn', name), 'utf8')
    .split(FIXTURE_ID)
    .join(messageId)
    .split(FIXTURE_TO)
    .join(to)
    .replace(/^Message-Id: <[^>]+>/im, `Message-Id: ${ownId}`);
}

async function withImap<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

/** Every message's Subject and flags, in mailbox order. */
function mailboxFlags(): Promise<{ subject: string; flags: string[] }[]> {
  return withImap(async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const out = [];
      for await (const m of client.fetch('1:*', { envelope: true, flags: true }))
        out.push({
          subject: m.envelope?.subject ?? '',
          flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
        });
      return out;
    } finally {
      lock.release();
    }
  });
}

const bounced = (history: HistoryEntry[]) => history.filter((h) => h.type === 'bounced');

describe('the bounce mailbox', () => {
  let task: WorkflowHandle<typeof taskOccurrenceWorkflow>;
  let reader: WorkflowHandle<typeof bounceMailboxWorkflow>;
  let reminderId: string;

  it('records a permanent bounce and a delay on the task, escalates the bounce to the manager, marks the person unreachable', async () => {
    const due = await dueDate();
    const tmpl = template('annual', due);
    task = await env.client.workflow.start<typeof taskOccurrenceWorkflow>(
      'taskOccurrenceWorkflow',
      {
        taskQueue: QUEUE,
        workflowId: occurrenceWorkflowId('bounces', 'annual', due),
        args: [{ schedule: scheduleFor(tmpl, due), info: tmpl.info, searchAttributes: false }],
      },
    );
    await advanceTo(wallTimeToInstant(addDays(due, -14), '09:00', 'Europe/Paris') + HOUR);
    await expect
      .poll(async () => (await receivedOfKind('reminder')).length, { timeout: 20_000 })
      .toBe(1);
    const sent = (await task.query(statusQuery)).history.find((h) => h.type === 'message');
    if (sent?.type !== 'message') throw new Error('no reminder recorded');
    reminderId = sent.message.messageId;

    await withImap(async (client) => {
      await client.append(
        'INBOX',
        notification('postfix.eml', reminderId, 'fp@ministry.example', '<dsn-1@mail.example.org>'),
      );
      await client.append(
        'INBOX',
        notification('delayed.eml', reminderId, 'fp@ministry.example', '<dsn-2@mail.example.org>'),
      );
      await client.append(
        'INBOX',
        readFileSync(join(__dirname, '..', 'fixtures', 'dsn', 'not-a-dsn.eml')),
      );
      // A notification for mail some other system sent: no task of ours.
      await client.append(
        'INBOX',
        notification(
          'exim.eml',
          '<other@elsewhere.example>',
          'x@elsewhere.example',
          '<dsn-3@mx.exim.example>',
        ),
      );
    });

    reader = await env.client.workflow.start<typeof bounceMailboxWorkflow>(
      'bounceMailboxWorkflow',
      {
        taskQueue: QUEUE,
        workflowId: 'bounces/mailbox-reader',
        args: [{ every: 5 * MINUTE }],
      },
    );
    await expect
      .poll(async () => (await reader.query(bounceTotalsQuery)).read, { timeout: 20_000 })
      .toBe(4);
    expect(await reader.query(bounceTotalsQuery)).toEqual({
      read: 4,
      notifications: 3,
      recorded: 2,
      unmatched: 1,
      ignored: 1,
    });

    const view = await task.query(statusQuery);
    expect(bounced(view.history)).toEqual([
      {
        type: 'bounced',
        at: expect.any(Number),
        messageId: reminderId,
        to: 'fp@ministry.example',
        permanent: true,
        status: '5.1.1',
        diagnostic:
          '550 5.1.1 <fp@ministry.example>: Recipient address rejected: User unknown in virtual mailbox table',
      },
      {
        type: 'bounced',
        at: expect.any(Number),
        messageId: reminderId,
        to: 'fp@ministry.example',
        permanent: false,
        status: '4.4.1',
        diagnostic: 'connect to mx.ministry.example[192.0.2.10]:25: Connection timed out',
      },
    ]);
    expect(view.unreachable).toEqual([
      expect.objectContaining({ key: 'fp', email: 'fp@ministry.example', status: '5.1.1' }),
    ]);

    // The manager hears of the permanent one only, once.
    await expect
      .poll(async () => (await receivedOfKind('delivery-failure')).length, { timeout: 20_000 })
      .toBe(1);
    const [escalation] = await receivedOfKind('delivery-failure');
    expect(escalation!.to).toEqual(['boss@example.org']);
    expect(escalation!.parsed.text).toContain('fp@ministry.example');
    expect(escalation!.parsed.text).toContain('User unknown in virtual mailbox table');

    // The secretariat is asked once for a successor, with the diagnostic, the task and the form.
    await expect
      .poll(async () => (await receivedOfKind('successor-request')).length, { timeout: 20_000 })
      .toBe(1);
    const [ask] = await receivedOfKind('successor-request');
    expect(ask!.to).toEqual(['mandates@example.org']);
    expect(ask!.parsed.subject).toBe('Successor needed: mail to Focal Point bounces');
    expect(ask!.parsed.text).toContain(
      'The receiving server said: 5.1.1 550 5.1.1 <fp@ministry.example>: Recipient address rejected',
    );
    expect(ask!.parsed.text).toContain(
      `  ${task.workflowId}  http://localhost:8080/tasks/bounces/annual/`,
    );
    expect(ask!.parsed.text).toContain('Name a successor: http://localhost:8080/people/fp/replace');

    // Recorded ones are seen; the others stay unseen, set aside for a person.
    expect(await mailboxFlags()).toEqual([
      { subject: 'Undelivered Mail Returned to Sender', flags: ['\\Seen'] },
      { subject: 'Delayed Mail (still being retried)', flags: ['\\Seen'] },
      {
        subject: 'Automatic reply: Reminder: WTISD theme announced for the year',
        flags: [KEYWORDS.ignored],
      },
      { subject: 'Mail delivery failed: returning message to sender', flags: [KEYWORDS.unmatched] },
    ]);
  });

  it('a notification read again (unflagged after a lost flag) records nothing twice', async () => {
    // As if the reader had recorded it and died before the flag: the same message, unseen again.
    await withImap(async (client) => {
      await client.append(
        'INBOX',
        notification('postfix.eml', reminderId, 'fp@ministry.example', '<dsn-1@mail.example.org>'),
      );
    });
    await env.sleep(6 * MINUTE);
    await expect
      .poll(async () => (await reader.query(bounceTotalsQuery)).read, { timeout: 20_000 })
      .toBe(5);
    const view = await task.query(statusQuery);
    expect(bounced(view.history)).toHaveLength(2);
    expect(await receivedOfKind('delivery-failure')).toHaveLength(1);
    expect(await receivedOfKind('successor-request')).toHaveLength(1);
  });

  it('refuses a record for mail the task did not send, or one that is malformed, saying what is wrong', async () => {
    const request = {
      by: 'bounce mailbox',
      to: 'fp@ministry.example',
      permanent: true,
      diagnostic: '550 5.1.1 User unknown',
    };
    await expect(
      taskActions.recordBounce(env.client, task.workflowId, {
        ...request,
        messageId: '<someone-else@mandate-tracker>',
      }),
    ).rejects.toThrow(
      new TaskActionRejectedError(
        `${task.workflowId}: this task sent no mail with Message-ID <someone-else@mandate-tracker>`,
      ),
    );
    await expect(
      taskActions.recordBounce(env.client, task.workflowId, {
        ...request,
        messageId: reminderId,
        status: '550',
      }),
    ).rejects.toThrow(TaskRequestInvalidError);
    await expect(
      taskActions.recordBounce(env.client, task.workflowId, {
        ...request,
        messageId: 'no-brackets',
      }),
    ).rejects.toThrow(/messageId: "no-brackets" is not a Message-ID such as <id@host>/);
    expect(bounced((await task.query(statusQuery)).history)).toHaveLength(2);
  });

  it('replace-person: the task goes to the successor; later reminders go to them and none to the person who left', async () => {
    // Skipping a week through a reader that wakes every 5 minutes would read 2,000 times.
    await reader.terminate('the test moves on to succession');
    // The time-skipping server has no visibility listing: the finder names the task.
    const finder: PersonFinder = {
      occurrences: () => Promise.resolve([task.workflowId]),
      recurrences: () => Promise.resolve([]),
    };
    const request = { old: 'fp', by: 'secretariat officer', reason: 'fp left the ministry' };
    await expect(
      replacePerson(
        env.client,
        { ...request, successor: 'nobody', successorIn: successorLookup(catalogs, 'nobody') },
        { finder },
      ),
    ).rejects.toThrow(
      new SuccessorUnknownError(
        'nobody is not a person of resolution bounces; add them to its catalog (people: nobody: {name, email, timezone, locale}) and start it again, then retry',
      ),
    );
    const successor = {
      ...request,
      successor: 'fp2',
      successorIn: successorLookup(catalogs, 'fp2'),
    };
    const dry = await replacePerson(env.client, { ...successor, dryRun: true }, { finder });
    expect(dry).toMatchObject({ dryRun: true, occurrences: 1, recurrences: 0, failed: 0 });
    expect((await task.query(statusQuery)).assignees.map((a) => a.key)).toEqual(['fp']);

    const progress: string[] = [];
    const done = await replacePerson(env.client, successor, {
      finder,
      onProgress: (step, n, total) =>
        progress.push(`${n}/${total} ${step.workflowId} ${step.outcome}`),
    });
    expect(done).toEqual({
      old: 'fp',
      successor: 'fp2',
      dryRun: false,
      occurrences: 1,
      recurrences: 0,
      failed: 0,
      steps: [
        {
          workflowId: task.workflowId,
          kind: 'occurrence',
          roles: ['assignee'],
          outcome: 'reassigned',
        },
      ],
    });
    expect(progress).toEqual([`1/1 ${task.workflowId} reassigned`]);
    const view = await task.query(statusQuery);
    expect(view.assignees.map((a) => a.key)).toEqual(['fp2']);
    expect(view.unreachable).toBeUndefined();
    expect(view.history.filter((h) => h.type === 'reassigned')).toEqual([
      expect.objectContaining({
        by: 'secretariat officer',
        assignees: ['fp2'],
        reason: 'fp left the ministry',
      }),
    ]);
    // Run again (a retry after a lost answer): nothing more happens.
    await replacePerson(env.client, successor, { finder });
    expect(
      (await task.query(statusQuery)).history.filter((h) => h.type === 'reassigned'),
    ).toHaveLength(1);

    // The next reminder (7 days before the due date) goes to the successor only.
    const due = view.due.date;
    const toOldBefore = mail.sink.received.filter((m) =>
      m.to.includes('fp@ministry.example'),
    ).length;
    await advanceTo(wallTimeToInstant(addDays(due, -7), '09:00', 'Europe/Paris') + HOUR);
    await expect
      .poll(async () => (await receivedOfKind('reminder')).length, { timeout: 20_000 })
      .toBe(2);
    const reminders = await receivedOfKind('reminder');
    expect(reminders.map((r) => r.to)).toEqual([
      ['fp@ministry.example'],
      ['successor@ministry.example'],
    ]);
    expect((await receivedOfKind('assigned')).map((r) => r.to)).toEqual([
      ['successor@ministry.example'],
    ]);
    expect(await receivedOfKind('unassigned')).toEqual([]);
    expect(mail.sink.received.filter((m) => m.to.includes('fp@ministry.example')).length).toBe(
      toOldBefore,
    );
  });
});
