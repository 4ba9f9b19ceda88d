/**
 * Turns a notice request into a mail a focal point can act on: subject, plain
 * text, HTML (right to left for Arabic), headers, and an RFC 5545 calendar
 * entry for the due instant.
 */
import { intlLocale } from '../i18n/locales';
import { DateTime, Duration } from 'luxon';
import { renderCalendar } from '../calendar/ics';
import { calendarUid } from '../calendar/uid';
import { signLink } from '../links/signed-link';
import type { NoticeRequest } from '../shared/workflow-api';
import { WORDS } from '../i18n/mail-words';
import { dueForDisplay } from '../i18n/due-display';
import { renderDocument } from '../html/template';
import { addressText, mailAddress, type MailAddress } from './address';
import { noticeHtml } from './notice-html';

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
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** RFC 2822 date of the planned instant, in the recipient's zone. */
  date: string;
  icalEvent: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

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
  const locale = intlLocale(recipient.locale);
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
  const contact: MailAddress = schedule.manager
    ? { name: schedule.manager.name, address: schedule.manager.email }
    : mailAddress(options.from);
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
  lines.push(`${words.contact} ${addressText(contact)}`, '', '--', words.footer);

  const htmlPart = noticeHtml({
    request,
    subject,
    dueText,
    timing,
    onTime: request.dueAt >= sentAt,
    link,
    contact,
    showHandIn,
  });

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
    to: { name: recipient.name, address: recipient.email },
    subject,
    text: lines.join('\n'),
    html: renderDocument(htmlPart),
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

function bareAddress(address: string): string {
  return /<([^>]+)>/.exec(address)?.[1] ?? address;
}
