/**
 * Every calendar the engine writes, read back with ical.js in strict mode:
 * the `plan --ics` calendar (the CLI run in process) and the calendar part of
 * each kind of mail (the mail activity sending to a real SMTP server on
 * loopback, read with mailparser). Names with a comma and a semicolon, and
 * long Arabic and Chinese ones that fold, must come back exactly.
 *
 * Expected values are written out here (UIDs, instants as jCal strings), not
 * taken from the code under test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import type ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { createMailActivities } from '../../activities/mail';
import { renderCalendar } from '../../src/calendar/ics';
import { loadCatalog } from '../../src/catalog/load';
import { main } from '../../src/cli/main';
import { dueInstant } from '../../src/plan/occurrence-plan';
import { taskTemplate, trackedOccurrences } from '../../src/plan/occurrences';
import type { Recipient } from '../../src/shared/types';
import { occurrenceWorkflowId, type NoticeRequest } from '../../src/shared/workflow-api';
import { mailHarness, type MailHarness } from '../support/temporal';
import { jcal, jcalUtc, only, parseStrict, physicalLines } from './strict-ical';

const SMITH = 'Smith, John; Jr.';
const ARABIC = 'عبد الله بن محمد، مكتب الأمين العام; قسم الشؤون السياسية, نيويورك';
const CHINESE = '王小明，秘书长办公室; 政治事务部, 日内瓦联络处';
const RESOLUTION_TITLE = 'Follow-up, phase 2; annexes — متابعة القرار، المرفق';
const TASK_TITLE = '秘书长关于决议执行情况的报告, with annexes; and tables';
const CLAUSE = 'requests 3, (b); annex';

/** The activity's clock: DTSTAMP of every mail calendar. */
const NOW = Date.parse('2026-05-20T12:34:56Z');
/** 2026-06-15 17:00 in Geneva (CEST, UTC+2). */
const DUE_AT = Date.parse('2026-06-15T15:00:00Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;

const CATALOG = `version: 1
resolution:
  id: res-ics
  title: ${JSON.stringify(RESOLUTION_TITLE)}
  adoptedBy: Test Council
  timezone: Europe/Zurich
people:
  smith: { name: ${JSON.stringify(SMITH)}, email: smith@example.org, timezone: America/New_York, locale: en }
  amal: { name: ${JSON.stringify(ARABIC)}, email: amal@example.org, timezone: Asia/Riyadh, locale: ar }
  wang: { name: ${JSON.stringify(CHINESE)}, email: wang@example.org, timezone: Asia/Shanghai, locale: zh }
  chair: { name: Chair, email: chair@example.org, timezone: Europe/Zurich, locale: en }
defaults:
  reminders: [P7D, P1D]
  sendAt: '09:00'
  overdueEvery: P7D
  escalateAfter: P10D
  skipWeekends: false
tasks:
  - id: report
    clause: ${JSON.stringify(CLAUSE)}
    title: ${JSON.stringify(TASK_TITLE)}
    responsible: Secretariat
    assignees: [smith, amal, wang]
    manager: chair
    due: { date: 2026-06-15, time: '17:00' }
    deliverables:
      - { id: report, title: Report, kind: document }
`;

const WINDOW = ['--from', '2026-01-01T00:00:00Z', '--to', '2027-01-01T00:00:00Z'];
/** The UID of the occurrence due 2026-06-15, written out. */
const OCCURRENCE_UID = 'res-ics.report.2026-06-15@mandate-tracker';

let dir: string;
let sent = 0;
let catalogFile: string;
let mail: MailHarness;
let activities: ReturnType<typeof createMailActivities>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mandate-ics-'));
  catalogFile = join(dir, 'catalog.yaml');
  writeFileSync(catalogFile, CATALOG);
  mail = await mailHarness();
  activities = createMailActivities({ ...mail.activities, now: () => NOW });
});

afterAll(async () => {
  await mail?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** `mandate plan <catalog> --ics` in process; its standard output. */
async function planIcs(file = catalogFile): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const code = await main(['plan', file, '--ics', ...WINDOW]);
  vi.restoreAllMocks();
  expect(code).toBe(0);
  return out;
}

const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The notice the occurrence workflow would send, built from the catalog as `mandate start` does. */
function noticeFor(
  personKey: string,
  overrides: Partial<NoticeRequest>,
  file = catalogFile,
): NoticeRequest {
  const catalog = loadCatalog(file);
  const task = catalog.tasks[0]!;
  const template = taskTemplate(catalog, task);
  const [schedule] = trackedOccurrences(
    template,
    Date.parse('2026-01-01T00:00:00Z'),
    Date.parse('2027-01-01T00:00:00Z'),
  );
  if (!schedule) throw new Error('no occurrence in the window');
  const recipient: Recipient | undefined = [...schedule.assignees, schedule.manager].find(
    (r) => r?.key === personKey,
  );
  if (!recipient) throw new Error(`no recipient ${personKey}`);
  const workflowId = occurrenceWorkflowId(
    template.resolutionId,
    template.taskId,
    schedule.occurrence,
  );
  return {
    workflowId,
    messageId: `<${workflowId.replace(/\//g, '.')}.${personKey}.${(sent += 1)}@mandate-tracker>`,
    kind: 'reminder',
    offset: 'P7D',
    at: DUE_AT - 7 * DAY,
    recipient,
    schedule,
    info: template.info,
    dueAt: dueInstant(schedule),
    missing: [{ id: 'report', title: 'Report', kind: 'document' }],
    sequence: 0,
    ...overrides,
  };
}

/** Sends through the real mail activity; the calendar part the SMTP server received, as text. */
async function sentCalendar(request: NoticeRequest): Promise<{ text: string; method: string }> {
  const result = await new MockActivityEnvironment(undefined, { logger: silent }).run(
    activities.sendNotice,
    request,
  );
  expect(result).toEqual({ delivered: true });
  for (const received of mail.sink.received) {
    const parsed = await simpleParser(received.raw);
    if (parsed.messageId !== request.messageId) continue;
    const parts = parsed.attachments.filter((a) => a.contentType === 'text/calendar');
    expect(parts).toHaveLength(1);
    const contentType = parts[0]!.headers.get('content-type') as { params?: { method?: string } };
    return { text: parts[0]!.content.toString('utf8'), method: contentType.params?.method ?? '' };
  }
  throw new Error(`the sink has no message ${request.messageId}`);
}

/** The event's one alarm: its TRIGGER, a DURATION relative to the start, in seconds. */
function triggerSeconds(event: ICAL.Component): number {
  const alarm = only(event, 'valarm');
  expect(jcal(alarm, 'trigger').slice(0, 3)).toEqual(['trigger', {}, 'duration']);
  return (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds();
}

describe('renderCalendar', () => {
  const calendar = () =>
    renderCalendar({
      method: 'REQUEST',
      name: RESOLUTION_TITLE,
      stamp: NOW,
      events: [
        {
          uid: 'one@mandate-tracker',
          start: DUE_AT - HOUR,
          end: DUE_AT,
          summary: `Due: ${TASK_TITLE}`,
          description: `${CLAUSE}\nline two, with \\ a backslash`,
          url: 'https://example.org/hand-in?task=a%2Fb&sig=x',
          sequence: 3,
          alarmMinutesBefore: 24 * 60,
          organizer: { name: SMITH, email: 'smith@example.org' },
          attendees: [
            { name: SMITH, email: 'smith@example.org' },
            { name: ARABIC, email: 'amal@example.org' },
            { name: CHINESE, email: 'wang@example.org' },
            { name: 'Jean "JJ" Dupont', email: 'jj@example.org' },
          ],
        },
      ],
    });

  it('quotes CN so a comma, a semicolon and non-ASCII names come back exactly, and a double quote typographic', () => {
    const text = calendar();
    // RFC 5545 3.2: a parameter value with `,` `;` or `:` is a quoted string.
    expect(text.replace(/\r\n /g, '')).toContain(
      'ORGANIZER;CN="Smith, John; Jr.":mailto:smith@example.org\r\n',
    );
    const event = only(parseStrict(text), 'vevent');
    expect(jcal(event, 'organizer')).toEqual([
      'organizer',
      { cn: SMITH },
      'cal-address',
      'mailto:smith@example.org',
    ]);
    const attendees = event.getAllProperties('attendee').map((p) => p.toJSON() as unknown[]);
    expect(attendees.map(([, params]) => params)).toEqual([
      { cn: SMITH, role: 'REQ-PARTICIPANT' },
      { cn: ARABIC, role: 'REQ-PARTICIPANT' },
      { cn: CHINESE, role: 'REQ-PARTICIPANT' },
      // No reader shows RFC 6868's ^' for these.
      { cn: 'Jean \u201cJJ\u201d Dupont', role: 'REQ-PARTICIPANT' },
    ]);
    expect(text).not.toContain("^'");
    expect(attendees.map(([, , type, value]) => [type, String(value).toLowerCase()])).toEqual([
      ['cal-address', 'mailto:smith@example.org'],
      ['cal-address', 'mailto:amal@example.org'],
      ['cal-address', 'mailto:wang@example.org'],
      ['cal-address', 'mailto:jj@example.org'],
    ]);
  });

  it('folds the long non-ASCII lines, parameters included, at 75 octets on whole characters', () => {
    const lines = physicalLines(calendar());
    // parseStrict checks every line's length and characters; these show folds happened.
    const attendeeArabic = lines.findIndex((l) => l.startsWith('ATTENDEE') && l.includes('عبد'));
    expect(attendeeArabic).toBeGreaterThanOrEqual(0);
    expect(lines[attendeeArabic + 1]).toMatch(/^ /);
    const summary = lines.findIndex((l) => l.startsWith('SUMMARY:'));
    expect(lines[summary + 1]).toMatch(/^ /);
    expect(lines.filter((l) => Buffer.byteLength(l, 'utf8') > 60).length).toBeGreaterThan(3);
  });

  it('writes the calendar and event properties with their RFC 5545 value types', () => {
    const calendarComponent = parseStrict(calendar());
    expect(calendarComponent.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendarComponent.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendarComponent.getFirstPropertyValue('x-wr-calname')).toBe(RESOLUTION_TITLE);
    const event = only(calendarComponent, 'vevent');
    expect(jcal(event, 'uid')).toEqual(['uid', {}, 'text', 'one@mandate-tracker']);
    expect(jcal(event, 'dtstamp')).toEqual(['dtstamp', {}, 'date-time', '2026-05-20T12:34:56Z']);
    expect(jcal(event, 'dtstart')).toEqual(['dtstart', {}, 'date-time', '2026-06-15T14:00:00Z']);
    expect(jcal(event, 'dtend')).toEqual(['dtend', {}, 'date-time', '2026-06-15T15:00:00Z']);
    expect(jcal(event, 'sequence')).toEqual(['sequence', {}, 'integer', 3]);
    expect(jcal(event, 'status')).toEqual(['status', {}, 'text', 'CONFIRMED']);
    expect(jcal(event, 'summary')).toEqual(['summary', {}, 'text', `Due: ${TASK_TITLE}`]);
    expect(jcal(event, 'description')).toEqual([
      'description',
      {},
      'text',
      `${CLAUSE}\nline two, with \\ a backslash`,
    ]);
    expect(jcal(event, 'url')).toEqual([
      'url',
      expect.anything(),
      'uri',
      'https://example.org/hand-in?task=a%2Fb&sig=x',
    ]);
    const alarm = only(event, 'valarm');
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(triggerSeconds(event)).toBe(-DAY / 1000);
    expect(alarm.getFirstPropertyValue('description')).toBe(`Due: ${TASK_TITLE}`);
  });

  it('defaults to PUBLISH, CONFIRMED, SEQUENCE 0 and 30 minutes; a cancelled event has no alarm', () => {
    const text = renderCalendar({
      stamp: NOW,
      events: [
        { uid: 'a@x', start: DUE_AT, summary: 'A', alarmMinutesBefore: 60 },
        { uid: 'b@x', start: DUE_AT, summary: 'B', status: 'CANCELLED', alarmMinutesBefore: 60 },
      ],
    });
    const calendarComponent = parseStrict(text);
    expect(calendarComponent.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendarComponent.getAllProperties('x-wr-calname')).toHaveLength(0);
    const [a, b] = calendarComponent.getAllSubcomponents('vevent');
    expect(jcal(a!, 'dtend')).toEqual(['dtend', {}, 'date-time', jcalUtc(DUE_AT + 30 * 60_000)]);
    expect(a!.getFirstPropertyValue('sequence')).toBe(0);
    expect(a!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(triggerSeconds(a!)).toBe(-HOUR / 1000);
    expect(b!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(b!.getAllSubcomponents('valarm')).toHaveLength(0);
    for (const event of [a!, b!]) {
      expect(event.getAllProperties('organizer')).toHaveLength(0);
      expect(event.getAllProperties('attendee')).toHaveLength(0);
      expect(event.getAllProperties('url')).toHaveLength(0);
    }
  });
});

describe('the plan --ics calendar', () => {
  let text: string;
  let calendar: ICAL.Component;

  beforeAll(async () => {
    text = await planIcs();
    calendar = parseStrict(text);
  });

  it('publishes the due date and every reminder, named after the resolution', () => {
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(RESOLUTION_TITLE);
    const events = calendar.getAllSubcomponents('vevent');
    // One due date; reminders P7D and P1D to three assignees.
    expect(events).toHaveLength(1 + 2 * 3);
    const uids = events.map((e) => e.getFirstPropertyValue('uid'));
    expect(new Set(uids).size).toBe(uids.length);
    for (const event of events) {
      expect(jcal(event, 'dtstamp')).toEqual(['dtstamp', {}, 'date-time', '2026-01-01T00:00:00Z']);
    }
  });

  it('has the due date as an hour ending at the due instant, with the title and clause intact', () => {
    const due = calendar
      .getAllSubcomponents('vevent')
      .filter((e) => e.getFirstPropertyValue('uid') === OCCURRENCE_UID);
    expect(due).toHaveLength(1);
    const event = due[0]!;
    expect(jcal(event, 'dtstart')).toEqual(['dtstart', {}, 'date-time', '2026-06-15T14:00:00Z']);
    expect(jcal(event, 'dtend')).toEqual(['dtend', {}, 'date-time', '2026-06-15T15:00:00Z']);
    expect(event.getFirstPropertyValue('summary')).toBe(`Due: ${TASK_TITLE}`);
    expect(event.getFirstPropertyValue('description')).toBe(`${CLAUSE}. Responsible: Secretariat.`);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(triggerSeconds(event)).toBe(-DAY / 1000);
  });

  it('gives the due date the UID that the mails for that occurrence carry', async () => {
    const { text: invitation } = await sentCalendar(noticeFor('smith', {}));
    const mailUid = only(parseStrict(invitation), 'vevent').getFirstPropertyValue('uid');
    expect(mailUid).toBe(OCCURRENCE_UID);
    const planUids = calendar
      .getAllSubcomponents('vevent')
      .map((e) => e.getFirstPropertyValue('uid'));
    expect(planUids).toContain(mailUid);
  });
});

describe.each([
  { person: 'smith', name: SMITH, email: 'smith@example.org' },
  { person: 'amal', name: ARABIC, email: 'amal@example.org' },
  { person: 'wang', name: CHINESE, email: 'wang@example.org' },
])('the calendar part of each mail to $person', ({ person, name, email }) => {
  /** The invitation's event, after checking the part's METHOD agrees with the calendar's. */
  async function eventOf(
    request: NoticeRequest,
    method: 'REQUEST' | 'CANCEL',
  ): Promise<ICAL.Component> {
    const part = await sentCalendar(request);
    expect(part.method).toBe(method);
    const calendar = parseStrict(part.text);
    expect(calendar.getFirstPropertyValue('method')).toBe(method);
    const event = only(calendar, 'vevent');
    expect(event.getFirstPropertyValue('uid')).toBe(OCCURRENCE_UID);
    expect(jcal(event, 'dtstamp')).toEqual(['dtstamp', {}, 'date-time', jcalUtc(NOW)]);
    expect(jcal(event, 'organizer')).toEqual([
      'organizer',
      { cn: 'Mandate tracker' },
      'cal-address',
      'mailto:mandates@example.org',
    ]);
    const [attendee, ...more] = event.getAllProperties('attendee');
    expect(more).toHaveLength(0);
    const [, params, type, value] = attendee!.toJSON() as [string, object, string, string];
    // The name exactly: an unquoted CN would split at the comma or the semicolon.
    expect(params).toEqual({ cn: name, role: 'REQ-PARTICIPANT' });
    expect(type).toBe('cal-address');
    expect(value.toLowerCase()).toBe(`mailto:${email}`);
    expect(event.getFirstPropertyValue('summary')).toContain(TASK_TITLE);
    return event;
  }

  it.each(['reminder', 'overdue', 'escalation', 'delivery-failure'] as const)(
    'a %s invites to the due hour with an alarm',
    async (kind) => {
      const event = await eventOf(
        noticeFor(person, {
          kind,
          ...(kind === 'reminder' ? {} : { offset: undefined, at: DUE_AT + DAY }),
          ...(kind === 'delivery-failure'
            ? { failure: { to: 'gone@example.org', error: '550 no such user' } }
            : {}),
        }),
        'REQUEST',
      );
      expect(jcal(event, 'dtstart')).toEqual(['dtstart', {}, 'date-time', jcalUtc(DUE_AT - HOUR)]);
      expect(jcal(event, 'dtend')).toEqual(['dtend', {}, 'date-time', '2026-06-15T15:00:00Z']);
      expect(event.getFirstPropertyValue('sequence')).toBe(0);
      expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(jcal(event, 'url')[2]).toBe('uri');
      expect(String(event.getFirstPropertyValue('url'))).toMatch(
        /^http:\/\/localhost:8080\/hand-in\?task=res-ics%2Freport%2F2026-06-15&person=/,
      );
      expect(triggerSeconds(event)).toBe(-DAY / 1000);
    },
  );

  it('an extension moves the entry and raises SEQUENCE; a waiver cancels it', async () => {
    const extendedDue = DUE_AT + 7 * DAY;
    const extended = await eventOf(
      noticeFor(person, { dueAt: extendedDue, at: extendedDue - DAY, offset: 'P1D', sequence: 1 }),
      'REQUEST',
    );
    expect(jcal(extended, 'sequence')).toEqual(['sequence', {}, 'integer', 1]);
    expect(jcal(extended, 'dtend')).toEqual(['dtend', {}, 'date-time', '2026-06-22T15:00:00Z']);
    expect(extended.getFirstPropertyValue('status')).toBe('CONFIRMED');

    const cancelled = await eventOf(
      noticeFor(person, {
        kind: 'cancellation',
        offset: undefined,
        at: NOW,
        dueAt: extendedDue,
        sequence: 2,
      }),
      'CANCEL',
    );
    expect(jcal(cancelled, 'sequence')).toEqual(['sequence', {}, 'integer', 2]);
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getAllSubcomponents('valarm')).toHaveLength(0);
  });
});

/** A date-only due on a tentative session: 2026-09-14 is a Monday; Geneva is +02:00 then. */
const TENTATIVE_CATALOG = `version: 2
resolution: { id: res-allday, title: All-day test, adoptedBy: Test Council, timezone: Europe/Zurich }
events:
  cwg: { title: CWG meeting, start: 2026-09-21, tentative: true }
people:
  wang: { name: Wang, email: wang@example.org, timezone: Asia/Shanghai, locale: zh }
defaults: { reminders: [P7D], overdueEvery: null }
tasks:
  - id: input
    clause: instructs 2
    title: Input before the CWG meeting
    responsible: Secretariat
    assignees: [wang]
    due: { event: cwg, offset: -P7D }
    deliverables: [{ id: input, title: Input, kind: text }]
`;

describe('a date-only due on a tentative date', () => {
  let file: string;
  beforeAll(() => {
    file = join(dir, 'tentative.yaml');
    writeFileSync(file, TENTATIVE_CATALOG);
  });
  const UID = 'res-allday.input.2026-09-14@mandate-tracker';

  it('plan --ics: the due is an all-day entry on its date, and every entry of the occurrence is tentative', async () => {
    const events = parseStrict(await planIcs(file)).getAllSubcomponents('vevent');
    // The due date and one reminder (P7D: Mon 7 September).
    expect(events).toHaveLength(2);
    for (const event of events) expect(event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    const due = events.find((e) => e.getFirstPropertyValue('uid') === UID)!;
    // DTSTART;VALUE=DATE, the stated date, not an hour before midnight in Geneva.
    expect(jcal(due, 'dtstart')).toEqual(['dtstart', {}, 'date', '2026-09-14']);
    expect(jcal(due, 'dtend')).toEqual(['dtend', {}, 'date', '2026-09-15']);
    expect(due.getFirstPropertyValue('summary')).toBe(
      'Due: Input before the CWG meeting (date to be confirmed)',
    );
    // Rings at 09:00 the day before, in the reader's own day.
    expect(triggerSeconds(due)).toBe(-15 * 3600);
  });

  it("the mailed invitation: all-day on the same date in Shanghai, TENTATIVE, the plan's UID", async () => {
    const request = noticeFor('wang', { at: Date.parse('2026-09-07T01:00:00Z') }, file);
    const { text, method } = await sentCalendar(request);
    expect(method).toBe('REQUEST');
    const event = only(parseStrict(text), 'vevent');
    expect(event.getFirstPropertyValue('uid')).toBe(UID);
    expect(jcal(event, 'dtstart')).toEqual(['dtstart', {}, 'date', '2026-09-14']);
    expect(jcal(event, 'dtend')).toEqual(['dtend', {}, 'date', '2026-09-15']);
    expect(event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(triggerSeconds(event)).toBe(-15 * 3600);
  });

  it('confirmed (the event no longer tentative), the same entry says CONFIRMED', async () => {
    const confirmed = join(dir, 'confirmed.yaml');
    writeFileSync(confirmed, TENTATIVE_CATALOG.replace(', tentative: true', ''));
    const request = noticeFor(
      'wang',
      { at: Date.parse('2026-09-07T01:00:00Z'), sequence: 1 },
      confirmed,
    );
    const event = only(parseStrict((await sentCalendar(request)).text), 'vevent');
    expect(event.getFirstPropertyValue('uid')).toBe(UID);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
  });
});
