/**
 * Turns a notice request into a mail a focal point can act on: subject, plain
 * text, HTML (right to left for Arabic), headers, and an RFC 5545 calendar
 * entry for the due instant.
 */
import { DateTime, Duration } from 'luxon';
import { renderCalendar } from '../calendar/ics';
import { calendarUid } from '../calendar/uid';
import { signLink } from '../links/signed-link';
import type { NoticeRequest } from '../shared/workflow-api';
import { WORDS } from '../i18n/mail-words';
import { dueForDisplay } from '../i18n/due-display';

export interface ComposeOptions {
  from: string;
  /** Base address of the hand-in page, e.g. http://localhost:8080. */
  publicUrl: string;
  linkSecret: string;
  /** How long a hand-in link stays valid after the due instant. */
  linkValidAfterDueMs: number;
  /** The instant the mail is written (activity time). */
  now: number;
}

export interface ComposedMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** RFC 2822 date of the planned instant, in the recipient's zone. */
  date: string;
  icalEvent: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

const INTL_LOCALE: Record<string, string> = {
  ar: 'ar',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

export function handInUrl(request: NoticeRequest, options: ComposeOptions): string {
  const query = signLink(options.linkSecret, {
    workflowId: request.workflowId,
    person: request.recipient.key,
    expires: request.dueAt + options.linkValidAfterDueMs,
  });
  return `${options.publicUrl.replace(/\/$/, '')}/hand-in?${query}`;
}

export function composeNotice(request: NoticeRequest, options: ComposeOptions): ComposedMail {
  const { recipient, info, schedule } = request;
  const words = WORDS[recipient.locale];
  const locale = INTL_LOCALE[recipient.locale] ?? 'en-GB';
  const dueLocal = dueForDisplay(request.dueAt, recipient.timezone, locale);
  const dueText = `${dueLocal.toLocaleString(DateTime.DATETIME_FULL)}`;
  const dueShort = dueLocal.toLocaleString(DateTime.DATE_MED);
  const sentAt =
    request.kind === 'delivery-failure' || request.kind === 'cancellation'
      ? options.now
      : request.at;
  const gap = Duration.fromMillis(Math.abs(request.dueAt - sentAt))
    .shiftTo('days', 'hours')
    .mapUnits((x) => Math.floor(x))
    .reconfigure({ locale });
  const gapText =
    gap.days > 0
      ? gap.toHuman({ unitDisplay: 'long' })
      : Duration.fromObject({ hours: gap.hours }, { locale }).toHuman();
  const timing = request.dueAt >= sentAt ? words.timeLeft(gapText) : words.overdueBy(gapText);
  const link = handInUrl(request, options);
  const contact = schedule.manager
    ? `${schedule.manager.name} <${schedule.manager.email}>`
    : options.from;
  const subject =
    request.kind === 'reminder'
      ? words.subject.reminder(info.title, dueShort)
      : words.subject[request.kind](info.title);
  const missing = request.missing.map((d) => `${d.title} (${d.kind})`);
  const showHandIn = request.kind === 'reminder' || request.kind === 'overdue';

  const lines = [
    words.intro[request.kind],
    '',
    `${words.task}: ${info.title}`,
    `${words.clause}: ${info.clause} — ${info.resolutionTitle}`,
    `${words.responsible}: ${info.responsible}`,
    `${words.due}: ${dueText} (${recipient.timezone})`,
    request.kind === 'cancellation' ? '' : timing,
    '',
  ];
  if (request.failure) lines.push(words.failure(request.failure.to, request.failure.error), '');
  if (request.kind !== 'cancellation') {
    lines.push(
      `${words.missing}:`,
      ...(missing.length ? missing.map((m) => `  - ${m}`) : [`  ${words.nothingMissing}`]),
      '',
    );
  }
  if (showHandIn) lines.push(`${words.handIn}: ${link}`, '');
  lines.push(`${words.contact} ${contact}`, '', '--', words.footer);

  const html = `<!doctype html>
<html lang="${recipient.locale}" dir="${words.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans Arabic','Noto Sans CJK SC',sans-serif;color:#1b1f24;">
<div style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;line-height:1.5;overflow-wrap:anywhere;text-align:start;" dir="${words.dir}">
<p style="margin-top:0">${escapeHtml(words.intro[request.kind])}</p>
<h1 style="font-size:20px;margin:16px 0 8px">${escapeHtml(info.title)}</h1>
<table role="presentation" style="border-collapse:collapse;width:100%">
${row(words.clause, `${info.clause} — ${info.resolutionTitle}`, words.dir)}
${row(words.responsible, info.responsible, words.dir)}
${row(words.due, `${dueText} (${recipient.timezone})`, words.dir)}
</table>
${request.kind === 'cancellation' ? '' : `<p style="font-weight:600;color:${request.dueAt >= sentAt ? '#1b5e20' : '#b71c1c'}">${escapeHtml(timing)}</p>`}
${request.failure ? `<p>${escapeHtml(words.failure(request.failure.to, request.failure.error))}</p>` : ''}
${
  request.kind === 'cancellation'
    ? ''
    : `<h2 style="font-size:16px;margin:16px 0 4px">${escapeHtml(words.missing)}</h2>
<ul>${missing.length ? request.missing.map((d) => `<li><bdi>${escapeHtml(d.title)}</bdi> (${escapeHtml(d.kind)})</li>`).join('') : `<li>${escapeHtml(words.nothingMissing)}</li>`}</ul>`
}
${showHandIn ? `<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#0b57d0;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(words.handIn)}</a></p>` : ''}
<p>${escapeHtml(words.contact)} ${addressHtml(contact)}</p>
<p style="font-size:12px;color:#5f6368">${escapeHtml(words.footer)}</p>
</div>
</body>
</html>
`;

  const cancelled = request.kind === 'cancellation';
  const ics = renderCalendar({
    method: cancelled ? 'CANCEL' : 'REQUEST',
    stamp: options.now,
    events: [
      {
        uid: calendarUid(request),
        start: request.dueAt - 60 * 60_000,
        end: request.dueAt,
        summary: `${words.due}: ${info.title}`,
        description: `${info.clause} — ${info.resolutionTitle}\n${words.handIn}: ${link}`,
        url: link,
        sequence: request.sequence,
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
        alarmMinutesBefore: 24 * 60,
        organizer: { name: 'Mandate tracker', email: bareAddress(options.from) },
        attendees: [{ name: recipient.name, email: recipient.email }],
      },
    ],
  });

  const planned = DateTime.fromMillis(request.at, { zone: recipient.timezone });
  return {
    from: options.from,
    to: `${recipient.name} <${recipient.email}>`,
    subject,
    text: lines.join('\n'),
    html,
    messageId: request.messageId,
    date: planned.setLocale('en-US').toRFC2822()!,
    headers: {
      'X-Mandate-Resolution': schedule.resolutionId,
      'X-Mandate-Task': schedule.taskId,
      'X-Mandate-Occurrence': schedule.occurrence,
      'X-Mandate-Kind': request.kind,
      ...(request.offset !== undefined ? { 'X-Mandate-Offset': request.offset } : {}),
      'X-Mandate-Planned-At': planned.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
      'X-Mandate-Recipient': recipient.key,
      'Auto-Submitted': 'auto-generated',
    },
    icalEvent: { method: cancelled ? 'CANCEL' : 'REQUEST', content: ics, filename: 'task.ics' },
  };
}

function row(label: string, value: string, dir: 'ltr' | 'rtl'): string {
  // Physical padding on the side facing the value: logical properties are not in every mail client.
  const padding = dir === 'rtl' ? '4px 0 4px 12px' : '4px 12px 4px 0';
  return `<tr><th scope="row" style="text-align:start;padding:${padding};vertical-align:top;white-space:nowrap;color:#5f6368;font-weight:500">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`;
}

/**
 * `Name <address>` with the name and the address isolated, so that in a
 * right-to-left mail the angle brackets stay around a left-to-right address.
 */
function addressHtml(address: string): string {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(address);
  if (!match) return `<span dir="ltr">${escapeHtml(address)}</span>`;
  return `<bdi>${escapeHtml(match[1] ?? '')}</bdi> <span dir="ltr">&lt;${escapeHtml(match[2] ?? '')}&gt;</span>`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function bareAddress(address: string): string {
  return /<([^>]+)>/.exec(address)?.[1] ?? address;
}
