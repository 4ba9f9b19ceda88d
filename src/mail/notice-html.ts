/**
 * The HTML part of a notice, right to left for Arabic, with names and
 * addresses isolated so that they keep their own direction. Built with the
 * escaping template: every value from the catalog or the request is escaped.
 */
import { mailPage } from './mail-page';
import { html, type Html } from '../html/template';
import { WORDS } from '../i18n/mail-words';
import type { NoticeRequest } from '../shared/workflow-api';
import type { MailAddress } from './address';

/** What the HTML part shows beyond the request: the words and dates compose already worked out. */
export interface NoticeHtmlParts {
  request: NoticeRequest;
  subject: string;
  dueText: string;
  /** Time left or overdue by; absent for notices that ask for nothing. */
  timing?: string | undefined;
  onTime: boolean;
  link: string;
  handInLabel: string;
  contact: MailAddress;
  showHandIn: boolean;
  /** The mail's Reply-To hands in: say so under the button. */
  handsInByReply: boolean;
  /** The person's calendar feed. */
  feed: { https: string; webcal: string };
  showMissing: boolean;
  /** What is still to hand in, each with its kind in the reader's words. */
  missing: string[];
  /** What changed (comment, reason, previous due date). */
  change: { label: string; value: string }[];
}

/** The HTML part: the same content as the text, laid out for mail clients (inline styles, a table). */
export function noticeHtml(m: NoticeHtmlParts): Html {
  const { recipient, info, kind, failure } = m.request;
  const words = WORDS[recipient.locale];
  const missing = m.missing.map((d) => html`<li><bdi>${d}</bdi></li>`);
  return mailPage(
    { locale: recipient.locale, dir: words.dir, title: m.subject },
    html` <p style="margin-top:0">${words.intro[kind]}</p>
      <h1 style="font-size:20px;margin:16px 0 8px">${info.title}</h1>
      <table role="presentation" style="border-collapse:collapse;width:100%">
        ${row(words.clause, html`<bdi>${info.clause}</bdi> — <bdi>${info.resolutionTitle}</bdi>`, words.dir)}
        ${row(words.responsible, info.responsible, words.dir)}
        ${row(words.due, m.dueText, words.dir)}
        ${m.change.map((c) => row(c.label, c.value, words.dir))}
      </table>
      ${m.timing !== undefined && html`<p style="font-weight:600;color:${m.onTime ? '#1b5e20' : '#b71c1c'}">${m.timing}</p>`}
      ${failure && html`<p>${words.failure(failure.to, failure.error)}</p>`}
      ${
        m.showMissing &&
        html`<h2 style="font-size:16px;margin:16px 0 4px">${words.missing}</h2>
          <ul>
            ${missing.length ? missing : html`<li>${words.nothingMissing}</li>`}
          </ul>`
      }
      ${m.showHandIn && html`<p><a href="${m.link}" style="display:inline-block;background:#0b57d0;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">${m.handInLabel}</a></p>`}
      ${m.handsInByReply && html`<p>${words.replyToHandIn}</p>`}
      <p>
        <a href="${m.feed.webcal}">${words.calendarFeed}</a><br />
        <bdi dir="ltr" style="font-size:12px;word-break:break-all"
          ><a href="${m.feed.https}">${m.feed.https}</a></bdi
        >
      </p>
      ${
        words.dir === 'rtl'
          ? // The mailbox on a line of its own, as one left-to-right unit: run into
            // right-to-left words, its wrapped halves read in the wrong order.
            html`<p>${words.contact}<br /><bdi dir="ltr">${mailboxText(m.contact)}</bdi></p>`
          : html`<p>${words.contact} ${addressHtml(m.contact)}</p>`
      }
      <p style="font-size:12px;color:#5f6368">${words.footer}</p>`,
  );
}

/**
 * One fact of the notice. A value is isolated (`bdi`), so Latin text with
 * guillemets or quotes in an Arabic mail keeps its marks in place.
 */
function row(label: string, value: string | Html, dir: 'ltr' | 'rtl'): Html {
  // Physical padding on the side facing the value: logical properties are not in every mail client.
  const padding = dir === 'rtl' ? '4px 0 4px 12px' : '4px 12px 4px 0';
  return html`<tr>
    <th
      scope="row"
      style="text-align:start;padding:${padding};vertical-align:top;white-space:nowrap;color:#5f6368;font-weight:500"
    >
      ${label}
    </th>
    <td style="padding:4px 0">${typeof value === 'string' ? html`<bdi>${value}</bdi>` : value}</td>
  </tr>`;
}

/**
 * A mailbox with the name and the address isolated, so that in a
 * right-to-left mail the angle brackets stay around a left-to-right address.
 */
function mailboxText(mailbox: MailAddress): string {
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}

function addressHtml(mailbox: MailAddress): Html {
  if (!mailbox.name) return html`<span dir="ltr">${mailbox.address}</span>`;
  return html`<bdi>${mailbox.name}</bdi> <span dir="ltr">&lt;${mailbox.address}&gt;</span>`;
}
