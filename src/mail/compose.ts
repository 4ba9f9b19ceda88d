/**
 * Turns a notice request into a mail a focal point can act on: subject, plain
 * text, HTML (right to left for Arabic), headers, and an RFC 5545 calendar
 * entry for the due instant.
 */
import { intlLocale } from '../i18n/locales';
import { DateTime, Duration } from 'luxon';
import { renderCalendar } from '../calendar/ics';
import { dueEntry } from '../calendar/due-entry';
import { calendarUid } from '../calendar/uid';
import { handInLinkFor } from '../links/hand-in-url';
import type { LinkSecret } from '../links/signed-link';
import { feedUrls } from '../links/feed-url';
import { replyAddress } from '../links/reply-address';
import type { NoticeRequest } from '../shared/workflow-api';
import type { NoticeKind } from '../shared/task-state';
import type { DeliverableKind } from '../shared/types';
import { describeDeadline } from '../i18n/deadline';
import { WORDS, type MailWords } from '../i18n/mail-words';
import { renderDocument } from '../html/template';
import { addressText, mailAddress, type MailAddress } from './address';
import { noticeHtml } from './notice-html';

export interface ComposeOptions {
  from: string;
  /** Base address of the hand-in page, e.g. http://localhost:8080. */
  publicUrl: string;
  linkSecret: LinkSecret;
  /** The instant the mail is written (activity time). */
  now: number;
  /** The secretariat's contact: the calendar entry's organizer (default: the sender). */
  contact?: MailAddress;
  /** Where replies hand in (`hand-in@…`): mail to an assignee replies to its signed form. */
  replyAddress?: string;
}

export interface ComposedMail {
  from: string;
  to: MailAddress;
  replyTo: MailAddress;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** Threading: the task's first message, so a mail client shows one conversation per task. */
  inReplyTo?: string;
  references?: string[];
  /** RFC 2822 date of the planned instant, in the recipient's zone. */
  date: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

export function handInUrl(request: NoticeRequest, options: ComposeOptions): string {
  return handInLinkFor(
    options.linkSecret,
    options.publicUrl,
    { workflowId: request.workflowId, person: request.recipient.key, dueAt: request.dueAt },
    request.recipient.locale,
  );
}

/** What each kind of notice carries: a hand-in link, the list of what is missing, a calendar method. */
const SHAPE: Record<
  NoticeKind,
  { handIn: boolean; missing: boolean; timing: boolean; calendar: 'REQUEST' | 'CANCEL' | null }
> = {
  reminder: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
  overdue: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
  escalation: { handIn: false, missing: true, timing: true, calendar: 'REQUEST' },
  'delivery-failure': { handIn: false, missing: true, timing: true, calendar: 'REQUEST' },
  returned: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
  // Nothing more is expected: the deadline leaves the calendar, as for a waiver.
  accepted: { handIn: false, missing: false, timing: false, calendar: 'CANCEL' },
  extended: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
  assigned: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
  unassigned: { handIn: false, missing: false, timing: false, calendar: 'CANCEL' },
  cancellation: { handIn: false, missing: false, timing: false, calendar: 'CANCEL' },
  'on-hold': { handIn: false, missing: false, timing: false, calendar: null },
  resumed: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
  rescheduled: { handIn: true, missing: true, timing: true, calendar: 'REQUEST' },
};

export function composeNotice(request: NoticeRequest, options: ComposeOptions): ComposedMail {
  const { recipient, info, schedule } = request;
  const words = WORDS[recipient.locale];
  const locale = intlLocale(recipient.locale);
  const shape = SHAPE[request.kind];
  const deadline = describeDeadline(
    { date: schedule.dueDate, ...(schedule.dueTime ? { time: schedule.dueTime } : {}) },
    schedule.zone,
    request.dueAt,
    recipient.locale,
    recipient.timezone,
    { tentative: schedule.tentative === true },
  );
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
  const secretariat = options.contact ?? mailAddress(options.from);
  // Questions go to the task's manager where there is one, else to the secretariat.
  const contact: MailAddress = schedule.manager
    ? { name: schedule.manager.name, address: schedule.manager.email }
    : secretariat;
  // An assignee asked for something replies to hand in; the contact stays in the body.
  const handsInByReply =
    options.replyAddress !== undefined &&
    shape.handIn &&
    schedule.assignees.some((a) => a.key === recipient.key);
  const replyTo: MailAddress = handsInByReply
    ? {
        name: words.handIn,
        address: replyAddress(
          options.linkSecret,
          options.replyAddress!,
          request.workflowId,
          recipient.key,
        ),
      }
    : contact;
  const feed = feedUrls(options.linkSecret, options.publicUrl, { person: recipient.key });
  const subject =
    request.kind === 'reminder'
      ? words.subject.reminder(info.title, deadline.day)
      : words.subject[request.kind](info.title);
  const missing = request.missing.map(
    (d) => `${d.title} (${words.kinds[d.kind as DeliverableKind] ?? d.kind})`,
  );
  const change = changeLines(request, words, schedule.zone);

  const lines = [
    words.intro[request.kind],
    '',
    `${words.task}${words.colon}${info.title}`,
    `${words.clause}${words.colon}${info.clause} — ${info.resolutionTitle}`,
    `${words.responsible}${words.colon}${info.responsible}`,
    `${words.due}${words.colon}${deadline.full}`,
    ...(shape.timing ? [timing] : []),
    '',
  ];
  if (change.length > 0) lines.push(...change.map((c) => `${c.label}${words.colon}${c.value}`), '');
  if (request.failure) lines.push(words.failure(request.failure.to, request.failure.error), '');
  if (shape.missing) {
    lines.push(
      `${words.missing}${words.colon.trimEnd()}`,
      ...(missing.length ? missing.map((m) => `  - ${m}`) : [`  ${words.nothingMissing}`]),
      '',
    );
  }
  const handInLabel = request.kind === 'returned' ? words.handInAgain : words.handIn;
  // In right-to-left text a link goes on a line of its own: run into the words, its parts are drawn out of order.
  const labelled = (label: string, separator: string, url: string) =>
    words.dir === 'rtl' ? `${label}${separator.trimEnd()}\n${url}` : `${label}${separator}${url}`;
  if (shape.handIn) lines.push(labelled(handInLabel, words.colon, link), '');
  if (handsInByReply) lines.push(words.replyToHandIn, '');
  lines.push(labelled(words.calendarFeed, ' ', feed.https), '');
  lines.push(
    words.dir === 'rtl'
      ? // On a line of its own and isolated (FSI…PDI), as in the HTML part: run into
        // right-to-left words, a name and <address> are drawn out of order.
        `${words.contact}\n\u2068${addressText(contact)}\u2069`
      : `${words.contact} ${addressText(contact)}`,
    '',
    '--',
    words.footer,
  );

  const htmlPart = noticeHtml({
    request,
    subject,
    dueText: deadline.full,
    timing: shape.timing ? timing : undefined,
    onTime: request.dueAt >= sentAt,
    link,
    handInLabel,
    contact,
    showHandIn: shape.handIn,
    handsInByReply,
    feed,
    showMissing: shape.missing,
    missing,
    change,
  });

  const ics =
    shape.calendar &&
    renderCalendar({
      method: shape.calendar,
      stamp: options.now,
      events: [
        {
          uid: calendarUid(request),
          ...dueEntry({
            date: schedule.dueDate,
            ...(schedule.dueTime !== undefined ? { time: schedule.dueTime } : {}),
            at: request.dueAt,
            tentative: schedule.tentative === true,
          }),
          summary: `${words.due}${words.colon}${info.title}`,
          // A cancelled entry asks for nothing: no hand-in link, no alarm.
          description:
            shape.calendar === 'CANCEL'
              ? `${info.clause} — ${info.resolutionTitle}\n${words.intro[request.kind]}`
              : `${info.clause} — ${info.resolutionTitle}\n${words.handIn}${words.colon}${link}`,
          ...(shape.calendar === 'CANCEL' ? {} : { url: link }),
          sequence: request.sequence,
          ...(shape.calendar === 'CANCEL' ? { status: 'CANCELLED' as const } : {}),
          organizer: { name: secretariat.name || secretariat.address, email: secretariat.address },
          attendees: [{ name: recipient.name, email: recipient.email }],
        },
      ],
    });

  const planned = DateTime.fromMillis(request.at, { zone: recipient.timezone });
  return {
    from: options.from,
    to: { name: recipient.name, address: recipient.email },
    replyTo,
    subject,
    text: lines.join('\n'),
    html: renderDocument(htmlPart),
    messageId: request.messageId,
    ...(request.thread ? { inReplyTo: request.thread, references: [request.thread] } : {}),
    date: planned.setLocale('en-US').toRFC2822()!,
    headers: {
      'X-Mandate-Resolution': schedule.resolutionId,
      'X-Mandate-Task': schedule.taskId,
      'X-Mandate-Occurrence': schedule.occurrence,
      'X-Mandate-Kind': request.kind,
      ...(request.offset !== undefined ? { 'X-Mandate-Offset': request.offset } : {}),
      ...(schedule.tentative ? { 'X-Mandate-Tentative': 'true' } : {}),
      'X-Mandate-Planned-At': planned.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
      'X-Mandate-Recipient': recipient.key,
      'Content-Language': recipient.locale,
      'Auto-Submitted': 'auto-generated',
      // Out-of-office and other auto-replies are not wanted back.
      'X-Auto-Response-Suppress': 'All',
    },
    ...(ics ? { icalEvent: { method: shape.calendar!, content: ics, filename: 'task.ics' } } : {}),
  };
}

/** The lines that say what changed: the reviewer's comment, the reason, the previous due date. */
function changeLines(
  request: NoticeRequest,
  words: MailWords,
  zone: string,
): { label: string; value: string }[] {
  const change = request.change;
  if (!change) return [];
  const out: { label: string; value: string }[] = [];
  if (change.comment) out.push({ label: words.comment, value: change.comment });
  if (change.reason) out.push({ label: words.reason, value: change.reason });
  if (change.previousDue) {
    const before = describeDeadline(
      change.previousDue,
      zone,
      Date.parse(`${change.previousDue.date}T00:00:00Z`),
      request.recipient.locale,
    );
    out.push({ label: words.previousDue, value: before.stated });
  }
  return out;
}
