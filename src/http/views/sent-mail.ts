/**
 * What went out: the task page's Mail section (every message with its
 * delivery result and bounces) and one mail viewed as sent (its headers, the
 * HTML part framed and sandboxed, the text part, the calendar entry).
 */
import { describeInstant } from '../../i18n/deadline';
import { html, joinHtml, type Html } from '../../html/template';
import type { ArchivedMessage, HeaderMailbox } from '../../mail/archived-message';
import { bounceText, deliveryText, sentMailOf, type SentMail } from '../../mail/sent-mail';
import type { SentMessage } from '../../shared/task-state';
import type { TaskView } from '../../shared/task-view';
import { personPath, sentMailPath } from '../sent-mail-paths';
import { page } from './layout';

/** "reminder P7D": the kind and, for reminders, how long before the due date. */
export function kindText(message: SentMessage): string {
  return `${message.kind}${message.offset ? ` ${message.offset}` : ''}`;
}

export function deliveryCell(message: SentMessage): Html {
  return message.delivered
    ? html`<span class="status status-completed">sent</span>`
    : html`<span class="bad">${deliveryText(message)}</span>`;
}

export function bounceCell(mail: SentMail): Html {
  if (mail.bounces.length === 0) return html`<span class="muted">none</span>`;
  return joinHtml(
    mail.bounces.map((b) =>
      b.permanent ? html`<span class="bad">${bounceText(b)}</span>` : html`${bounceText(b)}`,
    ),
    '; ',
  );
}

/**
 * The task page's Mail section: one row per message, newest first, each
 * linking to the mail as sent. Three columns, so it fits a phone's screen.
 */
export function mailSection(view: TaskView): Html {
  const zone = view.resolution.zone;
  const mail = sentMailOf(view).reverse();
  const rows = mail.map(
    (m) =>
      html`<tr>
        <td>
          <a href="${sentMailPath(view.workflowId, m.key)}">${kindText(m.message)}</a><br /><span
            class="muted"
            >${describeInstant(m.message.at, zone, 'en')}</span
          >
        </td>
        <td class="detail">
          <a href="${personPath(m.message.recipient)}">${m.message.to}</a><br /><span
            class="message-id"
            >${m.message.messageId}</span
          >
        </td>
        <td class="detail">${deliveryCell(m.message)}<br />${bounceCell(m)}</td>
      </tr>`,
  );
  return html`<h2 id="mail">Mail (${mail.length})</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Mail (view as sent), planned for</th>
            <th scope="col">To, Message-ID</th>
            <th scope="col">Delivery, bounce</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length
              ? rows
              : html`<tr>
                  <td colspan="3">No mail sent yet.</td>
                </tr>`
          }
        </tbody>
      </table>
    </div>`;
}

/**
 * Each mailbox as name, then address: the name isolated in its own direction
 * (an Arabic name stays right to left), the address always left to right
 * after it, so the two read in order on the page.
 */
function mailboxesHtml(list: HeaderMailbox[]): Html {
  return joinHtml(
    list.map((m) =>
      m.name
        ? html`<bdi>${m.name}</bdi> <bdi dir="ltr">&lt;${m.address}&gt;</bdi>`
        : html`<bdi dir="ltr">${m.address}</bdi>`,
    ),
    ', ',
  );
}

function facts(items: [string, Html | string][]): Html {
  return html`<dl class="facts">
    ${items.map(
      ([term, value]) =>
        html`<dt>${term}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

/** One mail as its recipient got it; `archived` undefined: the archive does not hold it. */
export function sentMailPage(
  view: TaskView,
  mail: SentMail,
  archived: ArchivedMessage | undefined,
): string {
  const zone = view.resolution.zone;
  const m = mail.message;
  const person = [...view.assignees, ...(view.manager ? [view.manager] : [])].find(
    (p) => p.key === m.recipient,
  );
  const recorded = facts([
    ['Kind', kindText(m)],
    ['Planned for', describeInstant(m.at, zone, 'en')],
    [
      'To',
      html`<a href="${personPath(m.recipient)}"
        >${person && html`<bdi lang="${person.locale}">${person.name}</bdi> `}&lt;${m.to}&gt;</a
      >`,
    ],
    ['Message-ID', html`<span class="message-id">${m.messageId}</span>`],
    ['Delivery', deliveryCell(m)],
    ['Bounce', bounceCell(mail)],
  ]);
  const rtl = archived?.language === 'ar';
  const body = archived
    ? html`<h2>Headers</h2>
        ${facts([
          ['From', mailboxesHtml(archived.from)],
          ['To', mailboxesHtml(archived.to)],
          ...(archived.replyTo.length
            ? [['Reply-To', mailboxesHtml(archived.replyTo)] as [string, Html]]
            : []),
          ['Subject', html`<bdi lang="${archived.language ?? ''}">${archived.subject}</bdi>`],
          ['Date', archived.date],
          ['Message-ID', html`<span class="message-id">${archived.messageId}</span>`],
        ])}
        <p>
          <a href="${sentMailPath(view.workflowId, mail.key, 'message.eml')}" download
            >Download the message as sent (.eml)</a
          >
        </p>
        ${
          archived.html !== undefined &&
          html`<h2>As the recipient saw it</h2>
            <iframe
              class="mail"
              sandbox
              src="${sentMailPath(view.workflowId, mail.key, 'body')}"
              title="The mail's HTML part, as sent"
            ></iframe>`
        }
        ${
          archived.text !== undefined &&
          html`<h2>Plain text part</h2>
            <pre class="mail-text" lang="${archived.language ?? ''}" dir="${rtl ? 'rtl' : 'ltr'}">
${archived.text}</pre>`
        }
        <h2>Calendar entry</h2>
        ${
          archived.calendar
            ? html`${facts([
                  ['Method', archived.calendar.method],
                  ['Summary', archived.calendar.summary],
                  ['Start', describeInstant(archived.calendar.start, zone, 'en')],
                  ['End', describeInstant(archived.calendar.end, zone, 'en')],
                  ['Sequence', String(archived.calendar.sequence)],
                  ...(archived.calendar.status
                    ? [['Status', archived.calendar.status] as [string, string]]
                    : []),
                ])}
                <p>
                  <a href="${sentMailPath(view.workflowId, mail.key, 'calendar.ics')}" download
                    >Download the calendar entry (.ics)</a
                  >
                </p>`
            : html`<p>This mail carried no calendar entry.</p>`
        }`
    : html`<p class="notice" role="status">
        This mail is not in the sent-mail archive: it went out before the archive was kept, or the
        archive folder was lost. What the task's history records about it is shown above.
      </p>`;
  return page({
    title: `Mail: ${archived?.subject ?? kindText(m)}`,
    body: html`<p>
        <a href="/tasks/${view.workflowId}#mail">Back to <bdi>${view.task.title}</bdi></a>
      </p>
      <h1>
        ${
          archived
            ? html`<bdi lang="${archived.language ?? ''}">${archived.subject}</bdi>`
            : `${kindText(m)} to ${m.to}`
        }
      </h1>
      <p>
        Mail of <bdi>${view.task.title}</bdi> (${view.task.clause} —
        <bdi>${view.resolution.title}</bdi>), as sent.
      </p>
      <h2>What the task recorded</h2>
      ${recorded} ${body}`,
  });
}
