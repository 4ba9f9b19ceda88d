/**
 * The secretariat's request for a successor: who bounces, what the receiving
 * server said, the open tasks, and the dashboard's replace form. One per
 * person and address: its Message-ID names both.
 */
import { mailPage } from './mail-page';
import { html, renderDocument } from '../html/template';
import { SUCCESSOR_WORDS, WORDS } from '../i18n/mail-words';
import type { Locale } from '../shared/types';
import { addressText, type MailAddress } from './address';
import { taskPageUrl } from './compose-digest';

export interface SuccessorRequest {
  key: string;
  name: string;
  email: string;
  status?: string;
  diagnostic: string;
  tasks: string[];
}

export interface ComposedSuccessorMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export function successorMessageId(key: string, email: string): string {
  const safe = (t: string) => t.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '-');
  return `<successor.${safe(key)}.${safe(email.replace('@', '.at.'))}@mandate-tracker>`;
}

export function composeSuccessorRequest(
  request: SuccessorRequest,
  options: { from: string; to: MailAddress; publicUrl: string; locale?: Locale },
): ComposedSuccessorMail {
  const locale = options.locale ?? 'en';
  const words = SUCCESSOR_WORDS[locale];
  const { dir, footer, colon } = WORDS[locale];
  const base = options.publicUrl.replace(/\/$/, '');
  const replaceUrl = `${base}/people/${encodeURIComponent(request.key)}/replace`;
  const said = `${request.status ? `${request.status} ` : ''}${request.diagnostic}`;
  const intro = words.intro(request.name, request.email);
  const text = [
    intro,
    '',
    `${words.diagnostic}${colon}${said}`,
    '',
    `${words.tasks}${colon}`,
    ...request.tasks.map((t) => `  ${t}  ${taskPageUrl(base, t)}`),
    '',
    `${words.action}${colon}${replaceUrl}`,
    '',
    footer,
  ].join('\n');
  const body = mailPage(
    { locale, dir, title: words.subject(request.name) },
    html`<p style="margin-top:0">${intro}</p>
      <p>${words.diagnostic}${colon}<code dir="ltr">${said}</code></p>
      <h2 style="font-size:16px;margin:16px 0 4px">${words.tasks}</h2>
      <ul>
        ${request.tasks.map((t) => html`<li><a href="${taskPageUrl(base, t)}">${t}</a></li>`)}
      </ul>
      <p><a href="${replaceUrl}">${words.action}</a></p>
      <p style="font-size:12px;color:#5f6368">${footer}</p>`,
  );
  return {
    from: options.from,
    to: addressText(options.to),
    subject: words.subject(request.name),
    text,
    html: renderDocument(body),
    messageId: successorMessageId(request.key, request.email),
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Mandate-Kind': 'successor-request',
      'Content-Language': locale,
    },
  };
}
