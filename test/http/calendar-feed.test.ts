/**
 * A person's calendar feed against a real Temporal dev server, worker and
 * SMTP sink: the open occurrences of a focal point in two resolutions, read
 * by ical.js in strict mode, with the UIDs of the mailed invitations; an
 * extension shows with SEQUENCE raised; If-None-Match with the ETag is 304;
 * a feed whose key was dropped is 404; the hand-in page offers the feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { startCatalog } from '../../src/client/start-catalog';
import { taskActions } from '../../src/client/task-actions';
import { feedUrls } from '../../src/links/feed-url';
import { signLink } from '../../src/links/signed-link';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { parseStrict } from '../calendar/strict-ical';
import { LINK_SECRET, parseCatalog, startHttpHarness, type HttpHarness } from './harness';

// The first task's reminder falls on the current minute (UTC), so its invitation goes out at once.
const minute = DateTime.utc().startOf('minute');
const date = (days: number) => minute.startOf('day').plus({ days }).toISODate()!;
const people = `
people:
  focal-fr: { name: Point focal, email: focal-fr@example.org, timezone: UTC, locale: fr }
  other: { name: Someone else, email: other@example.org, timezone: UTC, locale: en }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false`;
const first = parseCatalog(`
version: 1
resolution: { id: feed-a, title: First resolution, adoptedBy: Council, timezone: UTC }
${people}
tasks:
  - id: mailed
    clause: resolves 1
    title: Rapport annuel
    responsible: Secretariat
    assignees: [focal-fr]
    due: ${date(0)}
    reminders: [P0D]
    sendAt: "${minute.toFormat('HH:mm')}"
    deliverables: [{ id: report, title: Report, kind: text }]
  - id: timed
    clause: resolves 2
    title: Contribution au groupe de travail
    responsible: Secretariat
    assignees: [focal-fr, other]
    due: { date: ${date(12)}, time: "17:00" }
    deliverables: [{ id: note, title: Note, kind: text }]
  - id: not-mine
    clause: resolves 3
    title: Not for the focal point
    responsible: Secretariat
    assignees: [other]
    due: ${date(15)}
    deliverables: [{ id: note, title: Note, kind: text }]
`);
const second = parseCatalog(`
version: 1
resolution: { id: feed-b, title: Second resolution, adoptedBy: Council, timezone: UTC }
${people}
tasks:
  - id: survey
    clause: invites 4
    title: Réponse à l'enquête
    responsible: Member States
    assignees: [focal-fr]
    due: ${date(20)}
    deliverables: [{ id: answer, title: Answer, kind: text }]
`);
const MAILED = occurrenceWorkflowId('feed-a', 'mailed', date(0));
const TIMED = occurrenceWorkflowId('feed-a', 'timed', date(12));
const SURVEY = occurrenceWorkflowId('feed-b', 'survey', date(20));

let stack: HttpHarness;
let feed: string;

/** The feed's events by UID: SEQUENCE, DTSTART's type and value, STATUS. */
function events(text: string) {
  const calendar = parseStrict(text);
  return new Map(
    calendar.getAllSubcomponents('vevent').map((e) => {
      const start = e.getFirstProperty('dtstart')!;
      return [
        String(e.getFirstPropertyValue('uid')),
        {
          sequence: Number(e.getFirstPropertyValue('sequence') ?? 0),
          startType: start.type,
          start: String(start.getFirstValue()),
          status: String(e.getFirstPropertyValue('status')),
          summary: String(e.getFirstPropertyValue('summary')),
        },
      ];
    }),
  );
}

beforeAll(async () => {
  stack = await startHttpHarness({
    catalog: first,
    taskQueue: 'feed-test',
    sendAfter: minute.toMillis() - 1,
  });
  await startCatalog(stack.env.client, second, {
    taskQueue: 'feed-test',
    sendAfter: minute.toMillis() - 1,
  });
  feed = feedUrls(LINK_SECRET, stack.server.url, 'focal-fr').https;
});

afterAll(async () => {
  await stack?.close();
});

describe("a person's calendar feed", () => {
  it('holds one entry per open occurrence across resolutions, with the mailed UID', async () => {
    // The invitation the worker mailed for the first task: its UID.
    await expect
      .poll(
        () => stack.mail.sink.received.filter((m) => m.to.includes('focal-fr@example.org')).length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    const mailed = await simpleParser(
      stack.mail.sink.received.find((m) => m.to.includes('focal-fr@example.org'))!.raw,
    );
    const ics = mailed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    const mailedUid = parseStrict(ics!.content.toString('utf8'))
      .getFirstSubcomponent('vevent')!
      .getFirstPropertyValue('uid');
    // Visibility lags the workflows: ask until all three are listed.
    let text = '';
    await expect
      .poll(
        async () => {
          const reply = await fetch(feed);
          text = await reply.text();
          return [reply.status, reply.headers.get('content-type'), events(text).size];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([200, 'text/calendar; charset=utf-8', 3]);
    const found = events(text);
    expect(found.has(String(mailedUid))).toBe(true);
    const views = await Promise.all(
      [MAILED, TIMED, SURVEY].map((id) => taskActions.status(stack.env.client, id)),
    );
    expect([...found.keys()].sort()).toEqual(
      views.map((v) => `${v.workflowId.replaceAll('/', '.')}@mandate-tracker`).sort(),
    );
    // Date-only dues are whole days; the timed one is the hour before it.
    const surveyEntry = [...found.values()].find((e) => e.summary.includes('enquête'))!;
    expect(surveyEntry).toMatchObject({ startType: 'date', start: date(20), status: 'CONFIRMED' });
    const timedEntry = [...found.values()].find((e) => e.summary.includes('groupe de travail'))!;
    expect(timedEntry.startType).toBe('date-time');
    // In the person's language.
    expect(surveyEntry.summary.startsWith('Échéance')).toBe(true);
  });

  it('answers 304 to its ETag, and shows an extension with SEQUENCE raised and a new ETag', async () => {
    const before = await fetch(feed);
    const etag = before.headers.get('etag')!;
    const was = events(await before.text());
    const again = await fetch(feed, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const view = await taskActions.extend(stack.env.client, SURVEY, {
      by: 'sec',
      dueDate: date(27),
      reason: 'The survey closes later',
    });
    const uid = `${SURVEY.replaceAll('/', '.')}@mandate-tracker`;
    const after = await fetch(feed, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const now = events(await after.text());
    expect(now.get(uid)!.start).toBe(date(27));
    expect(now.get(uid)!.sequence).toBe(view.sequence);
    expect(now.get(uid)!.sequence).toBeGreaterThan(was.get(uid)!.sequence);
  });

  it('is 404 with a forged signature, for another person, or once its key is dropped', async () => {
    const url = new URL(feed);
    url.searchParams.set('sig', 'x'.repeat(43));
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(feed.replace('/focal-fr/', '/other/'))).status).toBe(404);
    const kept = stack.deps.linkSecret;
    stack.deps.linkSecret = { keys: [{ id: 'k2', secret: 'a newer key' }] };
    try {
      expect((await fetch(feed)).status).toBe(404);
      const renewed = feedUrls(stack.deps.linkSecret, stack.server.url, 'focal-fr').https;
      expect((await fetch(renewed)).status).toBe(200);
    } finally {
      stack.deps.linkSecret = kept;
    }
  });

  it('is offered on the hand-in page, to subscribe (webcal) and as a plain address', async () => {
    const link = `${stack.server.url}/hand-in?${signLink(LINK_SECRET, { workflowId: TIMED, person: 'focal-fr', expires: Date.now() + 86_400_000 }, 'fr')}`;
    const page = await (await fetch(link)).text();
    const webcal = feedUrls(LINK_SECRET, stack.server.url, 'focal-fr').webcal;
    expect(webcal.startsWith('webcal://')).toBe(true);
    expect(page).toContain(`href="${webcal.replaceAll('&', '&amp;')}"`);
    expect(page).toContain('Abonnez-vous à toutes vos échéances dans votre agenda');
  });
});
