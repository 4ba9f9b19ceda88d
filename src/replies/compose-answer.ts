/**
 * The mail that answers a reply, threaded to it: a receipt listing what was
 * handed in, what was not taken and what is still missing, or the one short
 * answer saying why a reply could not be used and what to do. It is marked
 * `Auto-Submitted: auto-replied` (RFC 3834) so that no autoresponder answers it.
 */
import { createHash } from 'node:crypto';
import { html, renderDocument } from '../html/template';
import { REPLY_WORDS } from '../i18n/reply-words';
import type { Locale } from '../shared/types';
import { mailPage } from '../mail/mail-page';
import type { ReceivedReply } from './parse-reply';
import type { ReceivedRecord } from './received-archive';

export interface ComposedAnswer {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo: string;
  references: string[];
  headers: Record<string, string>;
}

/** The answer's Message-ID comes from the reply's, so each reply has one answer id. */
export function answerMessageId(replyMessageId: string): string {
  const hash = createHash('sha256').update(replyMessageId).digest('hex').slice(0, 32);
  return `<answer.${hash}@mandate-tracker>`;
}

export function composeAnswer(
  reply: ReceivedReply & { from: { address: string; name: string } },
  record: ReceivedRecord,
  context: { from: string; locale: Locale; title: string; link?: string },
): ComposedAnswer {
  const words = REPLY_WORDS[context.locale];
  const lines: string[] = [];
  const blocks: { heading?: string; items: string[] }[] = [];
  const lead =
    record.outcome === 'taken'
      ? words.recorded(context.title)
      : `${words.notUsed} ${
          record.reason && record.reason !== 'automatic'
            ? words.reasons[record.reason]({ title: context.title, from: reply.from.address })
            : ''
        }`.trim();
  if (record.taken.length)
    blocks.push({ heading: words.taken, items: record.taken.map((t) => `${t.title}: ${t.what}`) });
  if (record.refused.length)
    blocks.push({
      heading: words.refused,
      items: record.refused.map((r) => `${r.file}: ${words.files[r.reason]} (${r.detail})`),
    });
  if (record.outcome === 'taken')
    blocks.push(
      record.stillMissing.length
        ? { heading: words.stillMissing, items: record.stillMissing }
        : { items: [words.allIn] },
    );
  lines.push(lead, '');
  for (const block of blocks) {
    if (block.heading) lines.push(block.heading, ...block.items.map((i) => `  - ${i}`), '');
    else lines.push(...block.items, '');
  }
  const wantsLink = record.outcome === 'unusable' || record.stillMissing.length > 0;
  if (wantsLink) lines.push(context.link ? `${words.useLink} ${context.link}` : words.noLink, '');
  lines.push('--', words.footer);

  const subject = /^re:/i.test(reply.subject.trim())
    ? reply.subject.trim()
    : `Re: ${reply.subject.trim()}`;
  const body = mailPage(
    { locale: context.locale, dir: words.dir, title: subject },
    html`<p style="margin-top:0">${lead}</p>
      ${blocks.map((b) =>
        b.heading
          ? html`<h2 style="font-size:16px;margin:16px 0 4px">${b.heading}</h2>
              <ul>
                ${b.items.map((i) => html`<li><bdi>${i}</bdi></li>`)}
              </ul>`
          : html`<p>${b.items.join(' ')}</p>`,
      )}
      ${
        wantsLink &&
        (context.link
          ? html`<p>${words.useLink}<br /><a href="${context.link}">${context.link}</a></p>`
          : html`<p>${words.noLink}</p>`)
      }
      <p style="font-size:12px;color:#5f6368">${words.footer}</p>`,
  );
  return {
    from: context.from,
    to: reply.from.address,
    subject,
    text: lines.join('\n'),
    html: renderDocument(body),
    messageId: answerMessageId(reply.messageId),
    inReplyTo: reply.messageId,
    references: [...[...reply.answers].reverse(), reply.messageId],
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  };
}
