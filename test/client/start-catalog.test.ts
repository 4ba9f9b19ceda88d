/**
 * `mandate start` on a real dev server: idempotent starts, the differences of
 * a changed catalog, and `--apply` sending them as validated updates.
 */
import { describeHistoryEntry } from '../../src/i18n/describe-history';
import { simpleParser } from 'mailparser';
import { only, parseStrict } from '../calendar/strict-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { validateCatalogText } from '../../src/catalog/validate';
import { CatalogDropsTasksError, startCatalog } from '../../src/client/start-catalog';
import { listTasks } from '../../src/client/listing';
import {
  reassignUpdate,
  statusQuery,
  templateQuery,
  waiveUpdate,
} from '../../src/shared/workflow-api';
import type { Catalog } from '../../src/shared/types';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const taskQueue = 'start-catalog-test';

function catalog(councilStart: string, assignees: string): Catalog {
  const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: apply-test, title: Apply test, adoptedBy: Test Council, timezone: Europe/Zurich }
events:
  council: { title: Council, start: ${councilStart} }
people:
  geneva: { name: Geneva, email: geneva@example.org }
  tokyo: { name: Tokyo, email: tokyo@example.org, timezone: Asia/Tokyo, locale: zh }
defaults: { reminders: [P7D] }
tasks:
  - id: report
    clause: instructs 1
    title: Report to Council
    responsible: Secretariat
    assignees: [${assignees}]
    due: { event: council, offset: -P30D }
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: yearly
    clause: invites 1
    title: Yearly input
    responsible: Member States
    assignees: [tokyo]
    due: 2031-05-17
    recurrence: { every: P1Y, until: 2035-05-17 }
    deliverables: []
`);
  expect(problems).toEqual([]);
  return catalog!;
}

/** A v2 catalog: a series task over the given sessions (event key -> start), and a waived task. */
function seriesCatalog(sessions: Record<string, string>, tentative: string[] = []): Catalog {
  const events = Object.entries(sessions)
    .map(
      ([key, start]) =>
        `  ${key}: { title: ${key}, start: ${start}, series: assembly${tentative.includes(key) ? ', tentative: true' : ''} }`,
    )
    .join('\n');
  const { catalog, problems } = validateCatalogText(`
version: 2
resolution: { id: series-test, title: Series test, adoptedBy: Test Council, timezone: Europe/Zurich }
calendars:
  riyadh: { weekend: [fri, sat], holidays: [2031-04-01] }
events:
${events}
people:
  geneva: { name: Geneva, email: geneva@example.org }
  riyadh: { name: Riyadh, email: riyadh@example.org, timezone: Asia/Riyadh, calendar: riyadh }
defaults: { reminders: [P7D], skipWeekends: true }
tasks:
  - id: before-each
    clause: instructs 1
    title: Input before each assembly
    responsible: Member States
    assignees: [geneva, riyadh]
    due: { series: assembly, offset: -P14D }
    deliverables: []
  - id: moot
    clause: instructs 2
    title: Moot
    responsible: Secretariat
    assignees: [geneva]
    due: 2031-05-01
    waived: { on: 2030-12-01, reason: Overtaken by events }
    deliverables: []
`);
  expect(problems).toEqual([]);
  return catalog!;
}

describe('startCatalog', () => {
  let env: TestWorkflowEnvironment;
  let mail: MailHarness;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await devServerEnv();
    mail = await mailHarness();
    worker = await createMandateWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: mail.activities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await mail?.close();
    await env?.teardown();
  });

  /** Waits until visibility lists these workflows: startCatalog finds moved tasks there. */
  const visible = (resolution: string, workflowIds: string[]) =>
    expect
      .poll(
        async () => (await listTasks(env.client, { resolution })).map((l) => l.workflowId).sort(),
        { timeout: 20_000 },
      )
      .toEqual(expect.arrayContaining(workflowIds));

  it('an occurrence started with its attributes upserts none until something changes', async () => {
    const { catalog: one, problems } = validateCatalogText(`
version: 1
resolution: { id: upsert-test, title: Upsert test, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  geneva: { name: Geneva, email: geneva@example.org }
defaults: { reminders: [P7D] }
tasks:
  - id: one
    clause: instructs 1
    title: One
    responsible: Secretariat
    assignees: [geneva]
    due: 2031-06-01
    tags: [budget]
    deliverables: []
`);
    expect(problems).toEqual([]);
    await startCatalog(env.client, one!, { taskQueue });
    const handle = env.client.workflow.getHandle('upsert-test/one/2031-06-01');
    // Which kinds of event the history holds, by the attributes each kind carries.
    const kinds = async () =>
      ((await handle.fetchHistory()).events ?? []).map((e) =>
        e.timerStartedEventAttributes
          ? 'timer'
          : e.markerRecordedEventAttributes
            ? `marker ${e.markerRecordedEventAttributes.markerName}`
            : e.upsertWorkflowSearchAttributesEventAttributes
              ? 'upsert'
              : 'other',
      );
    // The first workflow task has completed once the timer for the first reminder is there.
    for (let i = 0; i < 200 && !(await kinds()).includes('timer'); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const before = await kinds();
    expect(before).toContain('timer');
    expect(before).not.toContain('upsert');
    expect((await listTasks(env.client, { resolution: 'upsert-test' }))[0]?.status).toBe('open');

    await handle.executeUpdate(waiveUpdate, { args: [{ by: 'secretariat', reason: 'Moot' }] });
    expect((await kinds()).filter((kind) => kind === 'upsert')).toHaveLength(1);
  });

  it('a recurring task lists its next occurrence as upcoming, with its date, before it starts', async () => {
    const { catalog: monthly, problems } = validateCatalogText(`
version: 1
resolution: { id: upcoming-test, title: Upcoming test, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  geneva: { name: Geneva, email: geneva@example.org }
defaults: { reminders: [P7D] }
tasks:
  - id: monthly
    clause: instructs 2
    title: Monthly update
    responsible: Secretariat
    assignees: [geneva]
    due: 2031-01-15
    recurrence: { every: P1M }
    deliverables: []
`);
    expect(problems).toEqual([]);
    await startCatalog(env.client, monthly!, { taskQueue });
    const upcoming = async () =>
      (await listTasks(env.client, { resolution: 'upcoming-test', upcoming: true })).map((l) => ({
        workflowId: l.workflowId,
        status: l.status,
        occurrence: l.occurrence,
        due: new Date(l.dueAt).toISOString(),
        assignees: l.assignees,
      }));
    await expect.poll(upcoming, { timeout: 20_000 }).toEqual([
      {
        workflowId: 'upcoming-test/monthly/recurrence',
        status: 'upcoming',
        occurrence: '2031-01-15',
        due: '2031-01-15T23:00:00.000Z', // the end of 15 January in Geneva
        assignees: ['geneva'],
      },
    ]);
    // Listings that do not ask for it are the occurrences alone, as before.
    expect(await listTasks(env.client, { resolution: 'upcoming-test' })).toEqual([]);
    expect(
      (await listTasks(env.client, { resolution: 'upcoming-test', statuses: ['upcoming'] })).length,
    ).toBe(1);
  });

  it('starts once, lists catalog changes, and applies them on request', async () => {
    const first = await startCatalog(env.client, catalog('2031-03-10', 'geneva'), { taskQueue });
    expect(first.started).toEqual(['apply-test/report/2031-02-08', 'apply-test/yearly/recurrence']);
    await visible('apply-test', ['apply-test/report/2031-02-08']);

    const again = await startCatalog(env.client, catalog('2031-03-10', 'geneva'), { taskQueue });
    expect(again.started).toEqual([]);
    expect(again.alreadyRunning).toEqual(first.started);
    expect(again.differences).toEqual([]);

    // The meeting moves and Tokyo joins: listed, not applied.
    const changed = catalog('2031-03-24', 'geneva, tokyo');
    const listed = await startCatalog(env.client, changed, { taskQueue });
    expect(listed.differences).toEqual([
      {
        workflowId: 'apply-test/report/2031-02-08',
        changes: ['due 2031-02-08 -> 2031-02-22', 'assignees geneva -> geneva,tokyo'],
      },
    ]);
    const handle = env.client.workflow.getHandle('apply-test/report/2031-02-08');
    expect((await handle.query(statusQuery)).due.date).toBe('2031-02-08');

    const applied = await startCatalog(env.client, changed, {
      taskQueue,
      apply: true,
      actor: 'secretariat',
    });
    expect(applied.applied).toEqual(['apply-test/report/2031-02-08']);
    const view = await handle.query(statusQuery);
    expect(view.due.date).toBe('2031-02-22');
    expect(view.assignees.map((a) => a.key)).toEqual(['geneva', 'tokyo']);
    expect(view.sequence).toBe(1);
    expect(view.history.at(-1)).toMatchObject({ type: 'revised', by: 'secretariat' });
    // Applied once, nothing differs any more.
    expect((await startCatalog(env.client, changed, { taskQueue })).differences).toEqual([]);

    // The recurring driver takes a new template for occurrences it has not started.
    const everyTwoYears = catalog('2031-03-24', 'geneva, tokyo');
    everyTwoYears.tasks[1]!.recurrence = { every: 'P2Y', until: '2035-05-17' };
    const driver = await startCatalog(env.client, everyTwoYears, { taskQueue, apply: true });
    expect(driver.differences).toEqual([
      { workflowId: 'apply-test/yearly/recurrence', changes: ['recurrence'] },
    ]);
    const template = await env.client.workflow
      .getHandle('apply-test/yearly/recurrence')
      .query(templateQuery);
    expect(template.recurrence).toEqual({ every: 'P2Y', until: '2035-05-17' });

    // The listing (visibility) shows the moved due date.
    await expect
      .poll(
        async () =>
          (await listTasks(env.client, { resolution: 'apply-test' })).map((l) =>
            new Date(l.dueAt).toISOString(),
          ),
        { timeout: 20_000 },
      )
      .toEqual(['2031-02-22T23:00:00.000Z']);
  });

  it("a person's reassignment survives the catalog applied again; a conflict keeps it unless the catalog is preferred, with the same notices", async () => {
    const people = (assignees: string) =>
      validateCatalogText(`
version: 1
resolution: { id: people-test, title: People test, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  geneva: { name: Geneva, email: geneva@people.example.org }
  tokyo: { name: Tokyo, email: tokyo@people.example.org, timezone: Asia/Tokyo, locale: zh }
  paris: { name: Paris, email: paris@people.example.org, locale: fr }
defaults: { reminders: [P7D] }
tasks:
  - id: report
    clause: instructs 1
    title: Report
    responsible: Secretariat
    assignees: [${assignees}]
    due: 2031-06-01
    deliverables: [{ id: report, title: Report, kind: document }]
`).catalog!;
    const id = 'people-test/report/2031-06-01';
    /** Kinds of the mail each address got (X-Mandate-Kind), in order. */
    const mailOf = () => {
      const out: Record<string, string[]> = {};
      for (const m of mail.sink.received) {
        const kind = /^X-Mandate-Kind: (.+)$/im.exec(m.raw.toString('latin1'))?.[1]?.trim();
        const task = /^X-Mandate-Task: (.+)$/im.exec(m.raw.toString('latin1'))?.[1]?.trim();
        if (task !== 'report' || !m.to[0]!.endsWith('@people.example.org')) continue;
        (out[m.to[0]!.split('@')[0]!] ??= []).push(kind!);
      }
      return out;
    };
    await startCatalog(env.client, people('geneva'), { taskQueue });
    const handle = env.client.workflow.getHandle(id);
    const catalogPeople = people('geneva, tokyo, paris').people;
    // From the dashboard: Tokyo instead of Geneva.
    await handle.executeUpdate(reassignUpdate, {
      args: [{ by: 'Officer Smith', assignees: [catalogPeople.tokyo!], reason: 'Desk moved' }],
    });
    await expect
      .poll(mailOf, { timeout: 20_000 })
      .toEqual({ tokyo: ['assigned'], geneva: ['unassigned'] });

    // The unchanged catalog applied again: the person's change stands, nothing differs.
    const same = await startCatalog(env.client, people('geneva'), { taskQueue, apply: true });
    expect(same.differences).toEqual([]);
    expect(same.applied).toEqual([]);
    expect((await handle.query(statusQuery)).assignees.map((a) => a.key)).toEqual(['tokyo']);

    // The catalog changes the assignees too (Paris): a conflict, listed, the person's kept.
    const listed = await startCatalog(env.client, people('paris'), { taskQueue });
    expect(listed.differences).toEqual([
      {
        workflowId: id,
        changes: [
          "assignees tokyo -> paris (conflict: changed by a person since the catalog was last applied; the person's kept, --prefer-catalog takes the catalog's)",
        ],
      },
    ]);
    await startCatalog(env.client, people('paris'), { taskQueue, apply: true, actor: 'sec' });
    let view = await handle.query(statusQuery);
    expect(view.assignees.map((a) => a.key)).toEqual(['tokyo']);
    expect(view.history.at(-1)).toMatchObject({ type: 'revised', by: 'sec', kept: ['assignees'] });
    expect(view.catalogPeople?.assignees.map((a) => a.key)).toEqual(['paris']);

    // Preferred, a later catalog (Paris and Geneva) wins: assigned and unassigned, as by a person.
    const preferred = await startCatalog(env.client, people('paris, geneva'), {
      taskQueue,
      apply: true,
      preferCatalog: true,
      actor: 'sec',
    });
    expect(preferred.differences[0]!.changes).toEqual([
      "assignees tokyo -> paris,geneva (conflict: changed by a person since the catalog was last applied; the catalog's taken, --prefer-catalog)",
    ]);
    view = await handle.query(statusQuery);
    expect(view.assignees.map((a) => a.key)).toEqual(['paris', 'geneva']);
    await expect.poll(mailOf, { timeout: 20_000 }).toEqual({
      tokyo: ['assigned', 'unassigned'],
      geneva: ['unassigned', 'assigned'],
      paris: ['assigned'],
    });
    // Applied once: nothing differs, and nobody is mailed twice.
    expect(
      (await startCatalog(env.client, people('paris, geneva'), { taskQueue })).differences,
    ).toEqual([]);
  });

  it('dry run: lists what would start and what would change, and starts or applies nothing', async () => {
    const dry = (due: string, extra = '') => {
      const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: dry-test, title: Dry run test, adoptedBy: Test Council, timezone: UTC }
people:
  geneva: { name: Geneva, email: geneva@example.org }
defaults: { reminders: [P7D] }
tasks:
  - { id: one, clause: resolves 1, title: One, responsible: Secretariat, assignees: [geneva], due: ${due}, deliverables: [] }
${extra}`);
      expect(problems).toEqual([]);
      return catalog!;
    };
    const before = await startCatalog(env.client, dry('2031-06-01'), { taskQueue, dryRun: true });
    expect(before.started).toEqual(['dry-test/one/2031-06-01']);
    // Nothing was started.
    await expect(
      env.client.workflow.getHandle('dry-test/one/2031-06-01').describe(),
    ).rejects.toThrow();
    await startCatalog(env.client, dry('2031-06-01'), { taskQueue });
    // A moved task is found through visibility, which indexes a start a moment later.
    await visible('dry-test', ['dry-test/one/2031-06-01']);

    const two = dry(
      '2031-06-08',
      '  - { id: two, clause: resolves 2, title: Two, responsible: Secretariat, assignees: [geneva], due: 2031-07-01, deliverables: [] }',
    );
    const report = await startCatalog(env.client, two, { taskQueue, dryRun: true, apply: true });
    expect(report.started).toEqual(['dry-test/two/2031-07-01']);
    expect(report.differences).toEqual([
      { workflowId: 'dry-test/one/2031-06-01', changes: ['due 2031-06-01 -> 2031-06-08'] },
    ]);
    expect(report.applied).toEqual([]);
    const view = await env.client.workflow.getHandle('dry-test/one/2031-06-01').query(statusQuery);
    expect(view.due.date).toBe('2031-06-01');
    await expect(
      env.client.workflow.getHandle('dry-test/two/2031-07-01').describe(),
    ).rejects.toThrow();
  });

  it('starts one workflow per session of a series, a new session on the next run, nothing for a waived task', async () => {
    const two = { 'assembly-2031': '2031-04-15', 'assembly-2032': '2032-04-13' };
    const first = await startCatalog(env.client, seriesCatalog(two), { taskQueue });
    expect(first.started).toEqual([
      'series-test/before-each/assembly-2031',
      'series-test/before-each/assembly-2032',
    ]);
    expect(first.waived).toEqual(['moot: Overtaken by events']);

    // Each session's workflow is named by its event and due 14 days before its start.
    const view = await env.client.workflow
      .getHandle('series-test/before-each/assembly-2031')
      .query(statusQuery);
    expect(view.occurrence).toBe('assembly-2031');
    expect(view.due.date).toBe('2031-04-01');
    // The recipients' working days travel with the schedule: riyadh's own calendar.
    expect(view.assignees.find((a) => a.key === 'riyadh')?.workingDays).toEqual({
      weekend: [5, 6],
      holidays: ['2031-04-01'],
    });

    // A session added to the catalog: the next start starts just that one.
    const three = await startCatalog(
      env.client,
      seriesCatalog({ ...two, 'assembly-2033': '2033-04-12' }),
      { taskQueue },
    );
    expect(three.started).toEqual(['series-test/before-each/assembly-2033']);
    expect(three.alreadyRunning).toEqual([
      'series-test/before-each/assembly-2031',
      'series-test/before-each/assembly-2032',
    ]);
    expect(three.differences).toEqual([]);
  });

  it('a tentative date confirmed by --apply: the assignees get the entry again, CONFIRMED, SEQUENCE raised', async () => {
    const yaml = (tentative: boolean) => `
version: 2
resolution: { id: confirm-test, title: Confirm test, adoptedBy: Test Council, timezone: Europe/Zurich }
events:
  cwg: { title: CWG, start: 2041-03-20${tentative ? ', tentative: true' : ''} }
people:
  geneva: { name: Geneva, email: confirm-geneva@example.org }
  tokyo: { name: Tokyo, email: confirm-tokyo@example.org, timezone: Asia/Tokyo, locale: zh }
defaults: { reminders: [P7D] }
tasks:
  - id: input
    clause: instructs 1
    title: Input before the CWG
    responsible: Member States
    assignees: [geneva, tokyo]
    due: { event: cwg, offset: -P14D }
    deliverables: [{ id: input, title: Input, kind: text }]
`;
    const load = (tentative: boolean) => {
      const { catalog, problems } = validateCatalogText(yaml(tentative));
      expect(problems).toEqual([]);
      return catalog!;
    };
    await startCatalog(env.client, load(true), { taskQueue });
    const handle = env.client.workflow.getHandle('confirm-test/input/2041-03-06');
    expect((await handle.query(statusQuery)).tentative).toBe(true);
    await startCatalog(env.client, load(false), { taskQueue, apply: true, actor: 'secretariat' });
    const view = await handle.query(statusQuery);
    expect(view.tentative).toBe(false);
    expect(view.sequence).toBe(1);
    // One notice to each assignee, with the calendar entry as a REQUEST that replaces the tentative one.
    const notices = async () => {
      const found: { to: string; status: unknown; sequence: unknown; method: unknown }[] = [];
      for (const received of mail.sink.received) {
        const parsed = await simpleParser(received.raw);
        if (parsed.headers.get('x-mandate-kind') !== 'rescheduled') continue;
        if (parsed.headers.get('x-mandate-resolution') !== 'confirm-test') continue;
        const part = parsed.attachments.find((a) => a.contentType === 'text/calendar')!;
        const calendar = parseStrict(part.content.toString('utf8'));
        const event = only(calendar, 'vevent');
        found.push({
          to: received.to.join(','),
          status: event.getFirstPropertyValue('status'),
          sequence: event.getFirstPropertyValue('sequence'),
          method: calendar.getFirstPropertyValue('method'),
        });
      }
      return found.sort((a, b) => a.to.localeCompare(b.to));
    };
    await expect.poll(notices, { timeout: 20_000 }).toEqual([
      { to: 'confirm-geneva@example.org', status: 'CONFIRMED', sequence: 1, method: 'REQUEST' },
      { to: 'confirm-tokyo@example.org', status: 'CONFIRMED', sequence: 1, method: 'REQUEST' },
    ]);
  });

  it('a tentative session confirmed on another day: the difference says so, and --apply moves it', async () => {
    const sessions = { 'assembly-2040': '2040-04-17' };
    // The sessions of the test before stay out of these catalogs, and keep running.
    await startCatalog(env.client, seriesCatalog(sessions, ['assembly-2040']), {
      taskQueue,
      allowRemoved: true,
    });
    const handle = env.client.workflow.getHandle('series-test/before-each/assembly-2040');
    expect((await handle.query(statusQuery)).tentative).toBe(true);

    // Same day, now published: only the flag changes, and that is a difference too.
    const confirmed = await startCatalog(env.client, seriesCatalog(sessions), {
      taskQueue,
      dryRun: true,
    });
    expect(confirmed.differences).toContainEqual({
      workflowId: 'series-test/before-each/assembly-2040',
      changes: ['date confirmed'],
    });

    // Published a week later: the due date moves with it.
    // Without leave, a start that leaves them out changes nothing.
    const catalog = seriesCatalog({ 'assembly-2040': '2040-04-24' });
    await expect(startCatalog(env.client, catalog, { taskQueue, apply: true })).rejects.toThrow(
      CatalogDropsTasksError,
    );
    expect((await handle.query(statusQuery)).due.date).toBe('2040-04-03');
    const moved = await startCatalog(env.client, catalog, {
      taskQueue,
      apply: true,
      allowRemoved: true,
    });
    expect(moved.removed).toEqual([
      'series-test/before-each/assembly-2031',
      'series-test/before-each/assembly-2032',
      'series-test/before-each/assembly-2033',
    ]);
    expect(moved.applied).toContain('series-test/before-each/assembly-2040');
    const view = await handle.query(statusQuery);
    expect(view.tentative).toBe(false);
    expect(view.due.date).toBe('2040-04-10');
    // Recorded as facts, worded when read.
    const revised = view.history.at(-1)!;
    expect(revised).toMatchObject({
      type: 'revised',
      changes: [
        { field: 'due', from: { date: '2040-04-03' }, to: { date: '2040-04-10' } },
        { field: 'tentative', to: false },
      ],
    });
    expect(describeHistoryEntry(revised, 'fr')).toBe(
      'modification du catalogue par mandate start --apply : échéance 2040-04-03 -> 2040-04-10 ; date confirmée',
    );
  });
});
