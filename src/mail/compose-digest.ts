/**
 * Turns a digest into a mail: subject, plain text and HTML (right to left
 * for Arabic) in the recipient's language, each task with its due date and a
 * link to its page on the dashboard. Headers like the other notices'.
 */
import { DateTime } from 'luxon';
import { mailPage } from './mail-page';
import { html, renderDocument, type Html } from '../html/template';
import { describeDeadline } from '../i18n/deadline';
import { DIGEST_WORDS } from '../i18n/digest-words';
import { intlLocale } from '../i18n/locales';
import { WORDS } from '../i18n/mail-words';
import type { DigestContent, DigestItem, DigestMailRequest } from '../shared/digest';
import type { Recipient } from '../shared/types';
import { mailAddress, type MailAddress } from './address';

export interface DigestComposeOptions {
  from: string;
  /** Base address of the dashboard, e.g. http://localhost:8080. */
  publicUrl: string;
  contact?: MailAddress;
}

export interface ComposedDigest {
  from: string;
  to: MailAddress;
  replyTo: MailAddress;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** RFC 2822 date of the planned instant, in the recipient's zone. */
  date: string;
}

/** The dashboard's page of a task. */
export function taskPageUrl(publicUrl: string, workflowId: string): string {
  const path = workflowId.split('/').map(encodeURIComponent).join('/');
  return `${publicUrl.replace(/\/$/, '')}/tasks/${path}`;
}

type SectionKey = keyof DigestContent;
const SECTIONS: SectionKey[] = ['overdue', 'dueSoon', 'awaitingReview'];

interface Line {
  item: DigestItem;
  due: string;
  link: string;
}

export function composeDigest(
  request: DigestMailRequest,
  options: DigestComposeOptions,
): ComposedDigest {
  const { input, content } = request;
  const { recipient } = input;
  const words = WORDS[recipient.locale];
  const digest = DIGEST_WORDS[recipient.locale];
  const weekOf = DateTime.fromISO(request.weekOf, { zone: recipient.timezone })
    .setLocale(intlLocale(recipient.locale))
    .toLocaleString(DateTime.DATE_MED);
  const subject = digest.subject(input.resolutionTitle, weekOf);
  const sections = SECTIONS.filter((key) => content[key].length > 0).map((key) => ({
    title: digest[key],
    lines: content[key].map((item) => lineOf(item, recipient, options.publicUrl)),
  }));
  const contact = options.contact ?? mailAddress(options.from);

  const text = [
    digest.intro[input.role],
    input.resolutionTitle,
    '',
    ...sections.flatMap((section) => [
      `${section.title} (${section.lines.length})`,
      ...section.lines.flatMap((l) => [
        `  - ${l.item.title}`,
        `    ${words.clause}${words.colon}${l.item.clause}`,
        `    ${words.due}${words.colon}${l.due}`,
        ...(l.item.handedIn.length
          ? [`    ${digest.handedIn}${words.colon}${l.item.handedIn.join(', ')}`]
          : []),
        `    ${l.link}`,
      ]),
      '',
    ]),
    '--',
    words.footer,
  ].join('\n');

  const planned = DateTime.fromMillis(input.at, { zone: recipient.timezone });
  return {
    from: options.from,
    to: { name: recipient.name, address: recipient.email },
    replyTo: contact,
    subject,
    text,
    html: renderDocument(digestHtml({ recipient, subject, input, sections })),
    messageId: request.messageId,
    date: planned.setLocale('en-US').toRFC2822()!,
    headers: {
      'X-Mandate-Resolution': input.resolutionId,
      'X-Mandate-Kind': 'digest',
      'X-Mandate-Week': request.weekOf,
      'X-Mandate-Planned-At': planned.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
      'X-Mandate-Recipient': recipient.key,
      'Content-Language': recipient.locale,
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  };
}

function lineOf(item: DigestItem, recipient: Recipient, publicUrl: string): Line {
  const due = describeDeadline(
    { date: item.due.date, ...(item.due.time !== undefined ? { time: item.due.time } : {}) },
    item.zone,
    item.dueAt,
    recipient.locale,
    recipient.timezone,
    { tentative: item.tentative },
  );
  return { item, due: due.full, link: taskPageUrl(publicUrl, item.workflowId) };
}

function digestHtml(m: {
  recipient: Recipient;
  subject: string;
  input: DigestMailRequest['input'];
  sections: { title: string; lines: Line[] }[];
}): Html {
  const words = WORDS[m.recipient.locale];
  const digest = DIGEST_WORDS[m.recipient.locale];
  return mailPage(
    { locale: m.recipient.locale, dir: words.dir, title: m.subject },
    html` <p style="margin-top:0">${digest.intro[m.input.role]}</p>
      <h1 style="font-size:20px;margin:16px 0 8px"><bdi>${m.input.resolutionTitle}</bdi></h1>
      ${m.sections.map(
        (section) =>
          html`<h2 style="font-size:16px;margin:20px 0 4px">
              ${section.title} (${section.lines.length})
            </h2>
            <ul style="padding-inline-start:20px;margin:0">
              ${section.lines.map(
                (l) =>
                  html`<li style="margin:8px 0">
                    <a href="${l.link}" style="color:#0b57d0;font-weight:600"
                      ><bdi>${l.item.title}</bdi></a
                    ><br /><span style="color:#5f6368"
                      >${words.clause}${words.colon}<bdi>${l.item.clause}</bdi></span
                    ><br />${words.due}${words.colon}${l.due}
                    ${
                      l.item.handedIn.length > 0 &&
                      html`<br />${digest.handedIn}${words.colon}<bdi
                          >${l.item.handedIn.join(', ')}</bdi
                        >`
                    }
                  </li>`,
              )}
            </ul>`,
      )}
      <p style="font-size:12px;color:#5f6368;margin-top:24px">${words.footer}</p>`,
  );
}
