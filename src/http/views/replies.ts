/**
 * Replies read from the mailbox, as staff see them: on the task page every
 * reply to that task (what it handed in, or why it could not be used, and
 * whether its sender was answered); on the overview the replies nothing could
 * be done with, for a person to look at. Each links to the message as it came.
 */
import { describeInstant } from '../../i18n/deadline';
import { html, joinHtml, type Html } from '../../html/template';
import { messageIdKey } from '../../mail/sent-archive';
import type { ReceivedRecord, UnusableReason } from '../../replies/received-archive';

/** Why a reply handed nothing in, in the secretariat's words. */
export const UNUSABLE_TEXT: Record<UnusableReason, string> = {
  automatic: 'written by a machine (out of office, auto-reply)',
  'no-token': 'sent to the hand-in address, not as a reply to a task mail',
  'unknown-task': 'answers no task mail we know',
  forged: 'a reply address no key signed for this task',
  closed: 'the task is closed',
  'former-assignee': 'from a former assignee',
  'other-sender': 'from an address other than the assignee’s',
  'nothing-usable': 'no file, link or text the task still needs',
  'too-large': 'a file larger than the limit',
  'wrong-type': 'a file not of an accepted type',
};

const ANSWER_TEXT: Record<ReceivedRecord['answer'], string> = {
  none: 'not yet answered',
  sending: 'answer being sent',
  sent: 'answered',
  'not-answered': 'not answered',
};

export const receivedMailPath = (messageId: string) =>
  `/received-mail/${messageIdKey(messageId)}.eml`;

function outcomeCell(r: ReceivedRecord): Html {
  if (r.outcome === 'taken')
    return html`<span class="status status-submitted">handed in</span> ${joinHtml(
        r.taken.map((t) => html`${t.title}: ${t.what}`),
        '; ',
      )}`;
  return html`<span class="bad">not used</span>
    ${r.reason ? UNUSABLE_TEXT[r.reason] : ''}${r.detail && html` <span class="muted">(${r.detail})</span>`}`;
}

function rows(records: ReceivedRecord[], zone: string, withTask: boolean): Html[] {
  return records.map(
    (r) =>
      html`<tr>
        <td>
          <a href="${receivedMailPath(r.messageId)}">${r.subject || '(no subject)'}</a><br /><span
            class="muted"
            >${describeInstant(r.readAt, zone, 'en')}</span
          >
        </td>
        <td class="detail">
          ${r.from ?? 'no sender'}<br /><span class="message-id">${r.messageId}</span>
          ${withTask && r.workflowId && html`<br /><a href="/tasks/${r.workflowId}">${r.workflowId}</a>`}
        </td>
        <td class="detail">
          ${outcomeCell(r)}${
            r.refused.length > 0 &&
            html`<br /><span class="muted"
                >not taken: ${r.refused.map((f) => `${f.file} (${f.detail})`).join('; ')}</span
              >`
          }<br /><span class="muted">${ANSWER_TEXT[r.answer]}</span>
        </td>
      </tr>`,
  );
}

function table(body: Html[]): Html {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">Reply, read at</th>
          <th scope="col">From, Message-ID</th>
          <th scope="col">What became of it</th>
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}

/** The task page's section; nothing when no reply came. */
export function repliesSection(records: ReceivedRecord[], zone: string): Html | undefined {
  if (records.length === 0) return undefined;
  return html`<section aria-labelledby="replies">
    <h2 id="replies">Replies by mail (${records.length})</h2>
    ${table(rows(records, zone, false))}
  </section>`;
}

/** The overview's list of replies nothing could be done with (automatic ones left out). */
export function unusableRepliesSection(records: ReceivedRecord[], zone: string): Html | undefined {
  const shown = records.filter((r) => r.outcome === 'unusable' && r.reason !== 'automatic');
  if (shown.length === 0) return undefined;
  return html`<section aria-labelledby="replies">
    <h2 id="replies">Replies by mail that could not be used (${shown.length})</h2>
    <p class="muted">
      Nothing was recorded for these; each sender was told why once. Hand in for the person from the
      task page if the reply holds what the task needs.
    </p>
    ${table(rows(shown.slice(0, 20), zone, true))}
  </section>`;
}
