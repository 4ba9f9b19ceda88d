/**
 * A task's conversation end to end, as its people meet it: the focal point
 * follows the link in a real mail, hands in, the secretariat returns it with
 * a comment, the "returned" mail carries the comment and a new link, the
 * focal point hands in again through it, and the acceptance thanks them.
 * Real dev server, real worker and mail activity, real SMTP sink, real HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { statusQuery } from '../../src/shared/workflow-api';
import { SECRETARIAT_TOKEN, parseCatalog, startHttpHarness, type HttpHarness } from './harness';

let stack: HttpHarness;
const DUE = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
const TASK = `talk-res/report/${DUE}`;

beforeAll(async () => {
  stack = await startHttpHarness({
    taskQueue: 'http-conversation-test',
    catalog: parseCatalog(`
version: 1
resolution: { id: talk-res, title: Conversation, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  first: { name: First desk, email: first@example.org, locale: en }
  desk: { name: Bureau régional, email: desk@example.org, timezone: Africa/Dakar, locale: fr }
defaults: { reminders: [P30D], overdueEvery: P7D }
tasks:
  - id: report
    clause: "requests 1"
    title: Regional report
    responsible: Regional office
    assignees: [first]
    due: ${DUE}
    deliverables:
      - { id: summary, title: Summary, kind: text }
`),
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function api(action: string, body: unknown): Promise<void> {
  const response = await fetch(
    `${stack.server.url}/api/tasks/${encodeURIComponent(TASK)}/${action}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETARIAT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The mail of `kind` to `to`, once the sink has it. */
async function mailOf(kind: string, to: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        for (const m of stack.mail.sink.received) {
          if (!m.to.includes(to)) continue;
          const parsed = await simpleParser(m.raw);
          if (parsed.headers.get('x-mandate-kind') === kind) found = parsed;
        }
        return found !== undefined;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
  return found!;
}

/** Follows the hand-in link of a mail and hands in a text, as a browser would. */
async function handInThrough(mail: ParsedMail, text: string): Promise<void> {
  const link = /https?:\/\/\S+\/hand-in\?\S+/.exec(mail.text ?? '')?.[0];
  expect(link, mail.text).toBeDefined();
  const page = await fetch(link!);
  expect(page.status).toBe(200);
  const csrf = /mandate_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
  expect(csrf).toBeTruthy();
  const form = new FormData();
  form.append('csrf', csrf!);
  form.append('nonce', randomUUID());
  form.append('deliverableId', 'summary');
  form.append('text', text);
  const posted = await fetch(link!, {
    method: 'POST',
    headers: { cookie: `mandate_csrf=${csrf}` },
    body: form,
  });
  expect(posted.status, await posted.clone().text()).toBe(200);
}

describe('the conversation around a task', () => {
  it('hand in from a mail, return with a comment, hand in again from the returned mail, accept', async () => {
    // The new assignee learns of the task by mail, with a link and a calendar entry.
    const desk = stack.catalog.people.desk!;
    await api('reassign', { assignees: [desk], reason: 'The regional office takes it over' });
    const assigned = await mailOf('assigned', 'desk@example.org');
    expect(assigned.subject).toBe('Confié à vous\u00a0: Regional report');

    await handInThrough(assigned, 'First draft');
    await api('review', { decision: 'return', comment: 'Please add the 2026 figures' });
    const returned = await mailOf('returned', 'desk@example.org');
    expect(returned.subject).toBe('Renvoyé\u00a0: Regional report');
    expect(returned.text).toContain('Please add the 2026 figures');
    expect(returned.inReplyTo).toBe(assigned.messageId);

    await handInThrough(returned, 'Second draft with the 2026 figures');
    await api('review', { decision: 'accept' });
    const accepted = await mailOf('accepted', 'desk@example.org');
    expect(accepted.subject).toBe('Accepté\u00a0: Regional report');

    const view = await stack.env.client.workflow.getHandle(TASK).query(statusQuery);
    expect(view.status).toBe('completed');
    expect(view.history.filter((h) => h.type === 'submitted').map((h) => h.by)).toEqual([
      'desk',
      'desk',
    ]);
    expect(
      view.history.flatMap((h) =>
        h.type === 'message' ? [`${h.message.kind} ${h.message.to}`] : [],
      ),
    ).toEqual(
      expect.arrayContaining([
        'assigned desk@example.org',
        'unassigned first@example.org',
        'returned desk@example.org',
        'accepted desk@example.org',
      ]),
    );
  });
});
