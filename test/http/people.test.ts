/**
 * Succession through the API and the dashboard, on a real dev server and
 * worker: a bounce puts a banner on the secretariat's overview linking to the
 * replace form; the API lists the person as unreachable and replaces them
 * (dry run first, an unknown successor named); the form does the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { taskActions } from '../../src/client/task-actions';
import { statusQuery } from '../../src/shared/workflow-api';
import {
  MANAGER_TOKEN,
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from './harness';

const d = (days: number) => DateTime.utc().startOf('day').plus({ days }).toISODate()!;
const catalog = parseCatalog(`version: 1
resolution: { id: people-http, title: People over HTTP, adoptedBy: Test Council, timezone: UTC }
people:
  fp: { name: Leaving, email: leaving@example.org }
  co: { name: Colleague, email: co@example.org }
  fp2: { name: Successor, email: successor@example.org }
defaults: { reminders: [P7D], skipWeekends: false }
tasks:
  - id: first
    clause: resolves 1
    title: First report
    responsible: Secretariat
    assignees: [fp]
    due: ${d(20)}
    deliverables: [{ id: note, title: Note, kind: text }]
  - id: second
    clause: resolves 2
    title: Second report
    responsible: Secretariat
    assignees: [fp, co]
    due: ${d(25)}
    deliverables: [{ id: note, title: Note, kind: text }]
`);
const FIRST = `people-http/first/${d(20)}`;
const SECOND = `people-http/second/${d(25)}`;

let h: HttpHarness;
beforeAll(async () => {
  h = await startHttpHarness({ catalog, taskQueue: 'people-http-test' });
});
afterAll(async () => {
  await h?.close();
});

async function call(method: string, path: string, token = SECRETARIAT_TOKEN, body?: unknown) {
  const reply = await fetch(`${h.server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: reply.status, text: await reply.text(), headers: reply.headers };
}

describe('people who leave', () => {
  it('banner, unreachable list, replace by API (dry run first) and by the form', async () => {
    // An extension mails fp at once; that mail bounces.
    await taskActions.extend(h.env.client, FIRST, {
      by: 'sec',
      dueDate: d(27),
      reason: 'more time',
    });
    await expect
      .poll(
        async () =>
          (await h.env.client.workflow.getHandle(FIRST).query(statusQuery)).history.some(
            (e) => e.type === 'message' && e.message.recipient === 'fp',
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    const view = await h.env.client.workflow.getHandle(FIRST).query(statusQuery);
    const sent = view.history.find((e) => e.type === 'message' && e.message.recipient === 'fp');
    if (sent?.type !== 'message') throw new Error('no mail to fp');
    await taskActions.recordBounce(h.env.client, FIRST, {
      by: 'bounce mailbox',
      messageId: sent.message.messageId,
      to: 'leaving@example.org',
      permanent: true,
      status: '5.1.1',
      diagnostic: '550 5.1.1 user unknown',
    });

    await expect
      .poll(async () => JSON.parse((await call('GET', '/api/people/unreachable')).text), {
        timeout: 20_000,
      })
      .toEqual([
        {
          key: 'fp',
          email: 'leaving@example.org',
          since: expect.any(Number),
          status: '5.1.1',
          diagnostic: '550 5.1.1 user unknown',
          tasks: [FIRST],
        },
      ]);
    const overview = await call('GET', '/');
    expect(overview.text).toContain('Mail bounces: name a successor');
    expect(overview.text).toContain('href="/people/fp/replace"');
    expect((await call('GET', '/', MANAGER_TOKEN)).text).not.toContain('Mail bounces');

    // The API: the manager may not; an unknown successor is named; the dry run changes nothing.
    expect(
      (await call('POST', '/api/people/fp/replace', MANAGER_TOKEN, { successor: 'fp2' })).status,
    ).toBe(403);
    const unknown = await call('POST', '/api/people/fp/replace', SECRETARIAT_TOKEN, {
      successor: 'nobody',
    });
    expect(unknown.status).toBe(409);
    expect(JSON.parse(unknown.text).error.message).toContain(
      'nobody is not a person of resolution people-http',
    );
    const dry = await call('POST', '/api/people/fp/replace', SECRETARIAT_TOKEN, {
      successor: 'fp2',
      dryRun: true,
    });
    expect(dry.status, dry.text).toBe(200);
    expect(JSON.parse(dry.text)).toMatchObject({
      dryRun: true,
      occurrences: 2,
      recurrences: 0,
      failed: 0,
    });
    expect(
      (await h.env.client.workflow.getHandle(SECOND).query(statusQuery)).assignees.map(
        (a) => a.key,
      ),
    ).toEqual(['fp', 'co']);

    // The form: a preview of both tasks, then the confirmation does it.
    const form = await call('GET', '/people/fp/replace?successor=fp2&reason=left');
    expect(form.status, form.text).toBe(200);
    expect(form.text).toContain('Mail to leaving@example.org bounces');
    expect(form.text).toContain('Preview: 2 open tasks, 0 recurring');
    const cookie = /mandate_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1];
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)?.[1];
    const body = new URLSearchParams({ csrf: csrf!, successor: 'fp2', reason: 'left' });
    const done = await fetch(`${h.server.url}/people/fp/replace`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SECRETARIAT_TOKEN}`,
        cookie: `mandate_csrf=${cookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    const page = await done.text();
    expect(done.status, page).toBe(200);
    expect(page).toContain('fp2 succeeds fp');
    expect(page).toContain('2 open tasks and 0 recurring tasks');
    for (const id of [FIRST, SECOND]) {
      const after = await h.env.client.workflow.getHandle(id).query(statusQuery);
      expect(after.assignees.map((a) => a.key)).not.toContain('fp');
      expect(after.assignees.map((a) => a.key)).toContain('fp2');
      expect(after.history.at(-1)).toMatchObject({ type: 'reassigned', reason: 'left' });
    }
    await expect
      .poll(async () => (await call('GET', '/')).text.includes('Mail bounces'), { timeout: 20_000 })
      .toBe(false);
  });
});
