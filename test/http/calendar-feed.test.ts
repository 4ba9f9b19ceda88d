/**
 * Calendar feeds against a real Temporal dev server, worker and
 * SMTP sink: the open occurrences of a focal point in two resolutions, read
 * by ical.js in strict mode, with the UIDs of the mailed invitations; an
 * extension shows with SEQUENCE raised; If-None-Match with the ETag is 304;
 * a feed whose key was dropped is 404; the hand-in page offers the feed.
 * Staff feeds of a resolution and of one responsible body in it hold just
 * those tasks, each linking to its task page; the overview offers them.
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
import {
  LINK_SECRET,
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from './harness';

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
    responsible: Council Working Group & Partners
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
const NOT_MINE = occurrenceWorkflowId('feed-a', 'not-mine', date(15));
const BODY = 'Council Working Group & Partners';

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
  feed = feedUrls(LINK_SECRET, stack.server.url, { person: 'focal-fr' }).https;
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
      const renewed = feedUrls(stack.deps.linkSecret, stack.server.url, {
        person: 'focal-fr',
      }).https;
      expect((await fetch(renewed)).status).toBe(200);
    } finally {
      stack.deps.linkSecret = kept;
    }
  });

  it('is offered on the hand-in page, to subscribe (webcal) and as a plain address', async () => {
    const link = `${stack.server.url}/hand-in?${signLink(LINK_SECRET, { workflowId: TIMED, person: 'focal-fr', expires: Date.now() + 86_400_000 }, 'fr')}`;
    const page = await (await fetch(link)).text();
    const webcal = feedUrls(LINK_SECRET, stack.server.url, { person: 'focal-fr' }).webcal;
    expect(webcal.startsWith('webcal://')).toBe(true);
    expect(page).toContain(`href="${webcal.replaceAll('&', '&amp;')}"`);
    expect(page).toContain('Abonnez-vous à toutes vos échéances dans votre agenda');
  });
});

describe('staff calendar feeds', () => {
  const resolutionFeed = () => feedUrls(LINK_SECRET, stack.server.url, { resolution: 'feed-a' });
  const bodyFeed = () =>
    feedUrls(LINK_SECRET, stack.server.url, { resolution: 'feed-a', responsible: BODY });
  const uid = (workflowId: string) => `${workflowId.replaceAll('/', '.')}@mandate-tracker`;

  it("holds a resolution's open tasks, with the mailed UIDs, each linking to its task page", async () => {
    let text = '';
    await expect
      .poll(
        async () => {
          const reply = await fetch(resolutionFeed().https);
          text = await reply.text();
          return [reply.status, reply.headers.get('content-type'), events(text).size];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([200, 'text/calendar; charset=utf-8', 3]);
    // Only feed-a's tasks; feed-b's survey is the same person's but another resolution's.
    expect([...events(text).keys()].sort()).toEqual([MAILED, NOT_MINE, TIMED].map(uid).sort());
    const calendar = parseStrict(text);
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toBe('mandate-tracker: feed-a');
    for (const event of calendar.getAllSubcomponents('vevent')) {
      const id = String(event.getFirstPropertyValue('uid')).replace('@mandate-tracker', '');
      const page = `${stack.server.url}/tasks/${id.replaceAll('.', '/')}`;
      expect(String(event.getFirstPropertyValue('url'))).toBe(page);
      expect(String(event.getFirstPropertyValue('description'))).toContain(`Task: ${page}`);
    }
    // Staff subscribe to follow; no entry hands in as a focal point.
    expect(text).not.toContain('/hand-in?');
    const notMine = [...events(text).values()].find((e) => e.summary.includes('Not for'))!;
    expect(notMine.summary).toBe(`Due: Not for the focal point (${BODY})`);
  });

  it("holds one responsible body's open tasks in the resolution, and answers 304 to its ETag", async () => {
    const url = bodyFeed().https;
    expect(new URL(url).searchParams.get('responsible')).toBe(BODY);
    const reply = await fetch(url);
    expect(reply.status).toBe(200);
    const text = await reply.text();
    expect([...events(text).keys()]).toEqual([uid(NOT_MINE)]);
    expect(String(parseStrict(text).getFirstPropertyValue('x-wr-calname'))).toBe(
      `mandate-tracker: feed-a, ${BODY}`,
    );
    const again = await fetch(url, { headers: { 'if-none-match': reply.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('is 404 forged, for another scope than it signs, or signed as a person', async () => {
    const forged = new URL(resolutionFeed().https);
    forged.searchParams.set('sig', 'x'.repeat(43));
    expect((await fetch(forged)).status).toBe(404);
    // The signature of feed-a's, on feed-b.
    expect((await fetch(resolutionFeed().https.replace('/feed-a/', '/feed-b/'))).status).toBe(404);
    // The whole resolution's signature with a body added, and a body's without it.
    const widened = new URL(resolutionFeed().https);
    widened.searchParams.set('responsible', 'Secretariat');
    expect((await fetch(widened)).status).toBe(404);
    const narrowed = new URL(bodyFeed().https);
    narrowed.searchParams.delete('responsible');
    expect((await fetch(narrowed)).status).toBe(404);
    // A person named like the resolution does not sign its staff feed.
    const asPerson = new URL(feedUrls(LINK_SECRET, stack.server.url, { person: 'feed-a' }).https);
    const staffUrl = new URL(resolutionFeed().https);
    staffUrl.searchParams.set('sig', asPerson.searchParams.get('sig')!);
    expect((await fetch(staffUrl)).status).toBe(404);
  });

  it("is offered on the overview: the resolution's feed and each responsible body's", async () => {
    const page = await (
      await fetch(`${stack.server.url}/?resolution=feed-a`, {
        headers: { authorization: `Bearer ${SECRETARIAT_TOKEN}` },
      })
    ).text();
    const section = /<h2 id="feeds">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    const links = [...section.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [
      m[2]!.replaceAll('&amp;', '&'),
      m[1]!.replaceAll('&amp;', '&'),
    ]);
    expect(links).toEqual([
      ['feed-a: every task', resolutionFeed().webcal],
      [`feed-a: ${BODY}`, bodyFeed().webcal],
      [
        'feed-a: Secretariat',
        feedUrls(LINK_SECRET, stack.server.url, {
          resolution: 'feed-a',
          responsible: 'Secretariat',
        }).webcal,
      ],
    ]);
    // What the overview offers is a feed that answers.
    const offered = links[1]![1]!.replace(/^webcal:/, 'http:');
    expect((await fetch(offered)).status).toBe(200);
  });
});
