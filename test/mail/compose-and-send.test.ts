/**
 * The mail activity end to end, one locale at a time: sendNotice runs in a
 * mock activity context, hands the notice to a real SMTP server on loopback,
 * and the test reads what that server received with mailparser.
 *
 * Expected values are computed here independently of src/mail/compose.ts:
 * dates and durations with Intl for the locale and zone (plus a few
 * hand-checked English strings), instants with luxon from wall times, the
 * calendar with the small RFC 5545 reader in ./ics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createMailActivities } from '../../activities/mail';
import { LINK_VALID_AFTER_DUE_MS, verifyLink } from '../../src/links/signed-link';
import type { NoticeRequest } from '../../src/shared/workflow-api';
import type { Locale, OccurrenceSchedule, Recipient, TaskInfo } from '../../src/shared/types';
import { mailHarness, TEST_LINK_SECRET, type MailHarness } from '../support/temporal';
import {
  child,
  parseCalendar,
  physicalLines,
  property,
  unescapeText,
  utcStamp,
  type Component,
} from './ics';

const DAY = 86_400_000;
/** The activity's clock: DTSTAMP of every calendar. */
const NOW = Date.parse('2026-05-20T12:34:56Z');
/** Due 2026-06-15 17:00 in Geneva (CEST, UTC+2). */
const DUE_AT = Date.parse('2026-06-15T15:00:00Z');
/** After an extension by one week. */
const EXTENDED_DUE_AT = DUE_AT + 7 * DAY;

interface LocaleCase {
  locale: Locale;
  intl: string;
  zone: string;
  /** A word of the locale's wording (i18n.ts) that is in the reminder's text and HTML. */
  word: string;
  title: string;
}

const CASES: LocaleCase[] = [
  {
    locale: 'ar',
    intl: 'ar',
    zone: 'Asia/Riyadh',
    word: 'تذكير',
    title: 'تقرير الأمين العام عن تنفيذ القرار، بما في ذلك المرفقات',
  },
  {
    locale: 'zh',
    intl: 'zh-CN',
    zone: 'Asia/Shanghai',
    word: '提醒',
    title: '秘书长关于决议执行情况的报告',
  },
  {
    locale: 'en',
    intl: 'en-GB',
    zone: 'America/New_York',
    word: 'reminder',
    title: 'Report of the Secretary-General on the implementation of the resolution',
  },
  {
    locale: 'fr',
    intl: 'fr-FR',
    zone: 'Europe/Paris',
    word: 'rappel',
    title: 'Rapport du Secrétaire général sur l’application de la résolution',
  },
  {
    locale: 'ru',
    intl: 'ru-RU',
    zone: 'Asia/Kolkata',
    word: 'Напоминаем',
    title: 'Доклад Генерального секретаря об осуществлении резолюции',
  },
  {
    locale: 'es',
    intl: 'es-ES',
    zone: 'America/Mexico_City',
    word: 'recordamos',
    title: 'Informe del Secretario General sobre la aplicación de la resolución',
  },
];

const MANAGER: Recipient = {
  key: 'dana',
  name: 'Dana Manager',
  email: 'dana.manager@example.org',
  timezone: 'Europe/Zurich',
  locale: 'en',
};

const MISSING = [
  { id: 'report', title: 'Written report', kind: 'document' },
  { id: 'annex', title: 'Annex: budget & staffing table', kind: 'link' },
];
const RESOLUTION_ZONE = 'Europe/Zurich';
const KIND_WORDS: Record<Locale, Record<'document' | 'link', string>> = {
  en: { document: 'document', link: 'link' },
  fr: { document: 'document', link: 'lien' },
  es: { document: 'documento', link: 'enlace' },
  ru: { document: 'документ', link: 'ссылка' },
  zh: { document: '文件', link: '链接' },
  ar: { document: 'وثيقة', link: 'رابط' },
};

let mail: MailHarness;
let activities: ReturnType<typeof createMailActivities>;

beforeAll(async () => {
  mail = await mailHarness();
  activities = createMailActivities({ ...mail.activities, now: () => NOW });
});

afterAll(async () => {
  await mail?.close();
});

const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Runs the real activity and returns what the SMTP server received for that Message-ID. */
async function send(request: NoticeRequest): Promise<{ parsed: ParsedMail; raw: Buffer }> {
  const result = await new MockActivityEnvironment(undefined, { logger: silent }).run(
    activities.sendNotice,
    request,
  );
  expect(result).toEqual({ delivered: true });
  for (const received of mail.sink.received) {
    const parsed = await simpleParser(received.raw);
    if (parsed.messageId === request.messageId) return { parsed, raw: received.raw };
  }
  throw new Error(`the sink has no message ${request.messageId}`);
}

/** Wall time in a zone to an instant, with luxon (not the project's wall-clock code). */
function wall(iso: string, zone: string): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

function requestFor(c: LocaleCase, overrides: Partial<NoticeRequest> = {}): NoticeRequest {
  const recipient: Recipient = {
    key: `fp-${c.locale}`,
    name: `Focal point ${c.locale}`,
    email: `fp-${c.locale}@example.org`,
    timezone: c.zone,
    locale: c.locale,
  };
  const schedule: OccurrenceSchedule = {
    resolutionId: 'res-80-1',
    taskId: `report-${c.locale}`,
    occurrence: '2026-06-15',
    zone: 'Europe/Zurich',
    dueDate: '2026-06-15',
    dueTime: '17:00',
    policy: {
      reminders: ['P7D', 'P1D'],
      sendAt: '09:00',
      overdueEvery: 'P7D',
      escalateAfter: null,
      skipWeekends: false,
    },
    assignees: [recipient],
    manager: MANAGER,
  };
  const info: TaskInfo = {
    resolutionTitle: 'Follow-up to the world summit',
    title: c.title,
    clause: 'requests 3',
    responsible: 'Secretariat',
    deliverables: MISSING.map((d) => ({ ...d, kind: d.kind as 'document', required: true })),
    dependsOn: [],
    tags: [],
  };
  const workflowId = `res-80-1/report-${c.locale}/2026-06-15`;
  return {
    workflowId,
    messageId: `<res-80-1.report-${c.locale}.2026-06-15.reminder-P7D@mandate-tracker>`,
    kind: 'reminder',
    offset: 'P7D',
    at: wall('2026-06-08T09:00', c.zone),
    recipient,
    schedule,
    info,
    dueAt: DUE_AT,
    missing: MISSING,
    sequence: 0,
    ...overrides,
  };
}

/** The RFC 2822 date of an instant as the wall clock and UTC offset in `zone` show it, via Intl. */
function rfc2822In(instant: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  // "GMT+05:30" -> "+0530"; plain "GMT" is UTC.
  const offset = /GMT([+-]\d\d):(\d\d)/.exec(parts.timeZoneName ?? '');
  const zoneText = offset ? `${offset[1]}${offset[2]}` : '+0000';
  return `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${zoneText}`;
}

/** "7 days, 2 hours" in the locale: unit numbers joined as a narrow list, as Intl writes them. */
function timeLeftFor(c: LocaleCase, from: number, to: number): string {
  const days = Math.floor((to - from) / DAY);
  const hours = Math.floor((to - from - days * DAY) / 3_600_000);
  const unit = (u: 'day' | 'hour', n: number) =>
    new Intl.NumberFormat(c.intl, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  const parts = [unit('day', days), ...(hours > 0 ? [unit('hour', hours)] : [])];
  return new Intl.ListFormat(c.intl, { type: 'conjunction', style: 'narrow' }).format(parts);
}

/** What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
function visible(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function htmlOf(parsed: ParsedMail): string {
  if (typeof parsed.html !== 'string') throw new Error('no HTML part');
  return parsed.html;
}

function rawHeader(raw: Buffer, name: string): string | undefined {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(unfolded)?.[1];
}

function calendarPart(parsed: ParsedMail): { text: string; contentType: string } {
  const parts = parsed.attachments.filter((a) => a.contentType === 'text/calendar');
  expect(parts).toHaveLength(1);
  const part = parts[0]!;
  const contentType = part.headers.get('content-type') as { params?: Record<string, string> };
  return {
    text: part.content.toString('utf8'),
    contentType: `text/calendar; method=${contentType.params?.method ?? ''}`,
  };
}

function onlyEvent(calendar: Component): Component {
  const events = child(calendar, 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe.each(CASES)('a reminder in $locale ($zone)', (c) => {
  const request = requestFor(c);
  let parsed: ParsedMail;
  let raw: Buffer;
  let html: string;

  beforeAll(async () => {
    ({ parsed, raw } = await send(request));
    html = htmlOf(parsed);
  });

  it('is written in the recipient’s language and direction', () => {
    expect(parsed.text).toContain(c.word);
    expect(html).toContain(c.word);
    expect(parsed.subject).toContain(c.title);
    expect(parsed.subject).toContain(
      new Intl.DateTimeFormat(c.intl, {
        timeZone: c.zone,
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      }).format(DUE_AT),
    );
    const htmlTag = /<html\b([^>]*)>/i.exec(html)?.[1] ?? '';
    expect(htmlTag).toMatch(new RegExp(`\\blang="${c.locale}"`));
    expect(htmlTag).toMatch(c.locale === 'ar' ? /\bdir="rtl"/ : /\bdir="ltr"/);
    if (c.locale !== 'en') expect(parsed.text).not.toMatch(/Time left|Still to hand in/);
  });

  it('states the due date as the resolution does, the local time beside it, and the time left', () => {
    // The day in the resolution's zone (Geneva), and the recipient's local time where it differs.
    const day = new Intl.DateTimeFormat(c.intl, {
      dateStyle: 'long',
      timeZone: RESOLUTION_ZONE,
    }).format(DUE_AT);
    expect(parsed.text).toContain(day);
    const local = new Intl.DateTimeFormat(c.intl, { timeStyle: 'short', timeZone: c.zone }).format(
      DUE_AT,
    );
    if (c.zone !== 'Europe/Paris') expect(parsed.text).toContain(local);
    const left = timeLeftFor(c, request.at, DUE_AT);
    expect(parsed.text).toContain(left);
    expect(html).toContain(escapeHtml(left));
    if (c.locale === 'en') {
      // Hand-checked: 17:00 in Geneva (UTC+2) is 11:00 in New York (UTC-4); the reminder
      // goes at 09:00 New York time on the 8th, 7 days and 2 hours before.
      expect(parsed.text).toContain(
        'Due: 15 June 2026, 17:00, Central European Time (your time: 15 Jun 2026, 11:00, Eastern Time)',
      );
      expect(parsed.text).toContain('Time left: 7 days, 2 hours');
    }
    if (c.locale === 'fr') {
      // 17:00 in Geneva is 17:00 in Paris: no local time added; 09:00 Paris on the 8th is 7 days 8 hours before.
      expect(parsed.text).toContain(
        'Échéance\u00a0: 15 juin 2026, 17:00, heure d’Europe centrale\n',
      );
      expect(parsed.text).toContain('7\u00a0jours, 8\u00a0heures');
    }
    expect(html).toContain(escapeHtml(day));
  });

  it('lists the missing deliverables and names the manager as contact', () => {
    // The kind in the reader's words (hand-written per locale in KIND_WORDS below).
    const kind = (d: (typeof MISSING)[number]) =>
      KIND_WORDS[c.locale][d.kind as 'document' | 'link'];
    for (const d of MISSING) expect(parsed.text).toContain(`  - ${d.title} (${kind(d)})`);
    const items = [...html.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => visible(m[1] ?? ''));
    expect(items).toEqual(MISSING.map((d) => `${d.title} (${kind(d)})`));
    // The raw HTML escapes what the catalog wrote.
    expect(html).toContain('budget &amp; staffing');

    const contact = `${MANAGER.name} <${MANAGER.email}>`;
    expect(parsed.text).toContain(contact);
    expect(visible(html)).toContain(contact);
    // The address keeps its brackets in a right-to-left paragraph: it is set left to right
    // (in Arabic the whole mailbox, on a line of its own).
    const ltr = c.locale === 'ar' ? escapeHtml(contact) : escapeHtml(`<${MANAGER.email}>`);
    expect(html).toMatch(new RegExp(`dir="ltr"[^>]*>${ltr.replace(/\./g, '\\.')}<`));
  });

  it('carries a hand-in link signed for this task and person', () => {
    const inText = /http:\/\/localhost:8080\/hand-in\?\S+/.exec(parsed.text ?? '')?.[0];
    const inHtml = /href="(http:\/\/localhost:8080\/hand-in\?[^"]+)"/
      .exec(html)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(inText).toBeDefined();
    expect(inHtml).toBe(inText);
    const params = new URL(inText!).searchParams;
    const check = verifyLink(TEST_LINK_SECRET, params, request.at);
    expect(check).toEqual({
      ok: true,
      claims: {
        workflowId: request.workflowId,
        person: request.recipient.key,
        expires: DUE_AT + LINK_VALID_AFTER_DUE_MS,
      },
      // Signed with the one configured key, which has id 0.
      keyId: '0',
    });
    // The signature binds the person: the same link for someone else is refused.
    const forged = new URLSearchParams(params);
    forged.set('person', MANAGER.key);
    expect(verifyLink(TEST_LINK_SECRET, forged, request.at)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(verifyLink('another-secret', params, request.at)).toMatchObject({ ok: false });
  });

  it('has the tracking headers, Auto-Submitted and no List-Unsubscribe', () => {
    const h = parsed.headers;
    expect(h.get('x-mandate-resolution')).toBe('res-80-1');
    expect(h.get('x-mandate-task')).toBe(`report-${c.locale}`);
    expect(h.get('x-mandate-occurrence')).toBe('2026-06-15');
    expect(h.get('x-mandate-kind')).toBe('reminder');
    expect(h.get('x-mandate-offset')).toBe('P7D');
    expect(h.get('auto-submitted')).toBe('auto-generated');
    expect(h.has('list-unsubscribe')).toBe(false);
    expect(h.has('list-unsubscribe-post')).toBe(false);
    expect(parsed.messageId).toBe(request.messageId);
  });

  it('is dated at the planned instant, in the recipient’s UTC offset', () => {
    const date = rawHeader(raw, 'Date');
    expect(date).toBe(rfc2822In(request.at, c.zone));
    expect(Date.parse(date!)).toBe(request.at);
    expect(parsed.date?.getTime()).toBe(request.at);
  });

  it('invites to a calendar entry ending at the due instant, with an alarm', () => {
    const { text, contentType } = calendarPart(parsed);
    expect(contentType).toBe('text/calendar; method=REQUEST');
    const calendar = parseCalendar(text);
    expect(property(calendar, 'METHOD')).toBe('REQUEST');
    const event = onlyEvent(calendar);
    expect(property(event, 'UID')).toBe(`res-80-1.report-${c.locale}.2026-06-15@mandate-tracker`);
    expect(property(event, 'DTEND')).toBe(utcStamp(DUE_AT));
    expect(property(event, 'DTEND')).toBe('20260615T150000Z');
    expect(property(event, 'DTSTAMP')).toBe(utcStamp(NOW));
    expect(property(event, 'SEQUENCE')).toBe('0');
    expect(property(event, 'STATUS')).toBe('CONFIRMED');
    expect(unescapeText(property(event, 'SUMMARY') ?? '')).toContain(c.title);
    const alarms = child(event, 'VALARM');
    expect(alarms).toHaveLength(1);
    expect(property(alarms[0]!, 'ACTION')).toBe('DISPLAY');
    expect(property(alarms[0]!, 'TRIGGER')).toMatch(/^-P/);
    const attendee = event.properties.find((p) => p.name === 'ATTENDEE');
    expect(attendee?.value.toLowerCase()).toBe(`mailto:${request.recipient.email}`);
    // The link in the description is the signed one.
    const description = unescapeText(property(event, 'DESCRIPTION') ?? '');
    const link = /http:\/\/localhost:8080\/hand-in\?\S+/.exec(description)?.[0];
    expect(link).toBeDefined();
    expect(verifyLink(TEST_LINK_SECRET, new URL(link!).searchParams, request.at).ok).toBe(true);
  });

  it('folds calendar lines at 75 octets without splitting characters', () => {
    const { text } = calendarPart(parsed);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = physicalLines(text);
    // The long title and the link make at least one line fold.
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
  });

  it('keeps the calendar UID across notices; an extension sends SEQUENCE:1; a waiver cancels', async () => {
    const later = await send(
      requestFor(c, {
        messageId: `<res-80-1.report-${c.locale}.2026-06-15.reminder-P1D@mandate-tracker>`,
        offset: 'P1D',
        at: wall('2026-06-14T09:00', c.zone),
      }),
    );
    const extended = await send(
      requestFor(c, {
        messageId: `<res-80-1.report-${c.locale}.2026-06-15.reminder-ext@mandate-tracker>`,
        offset: 'P1D',
        at: wall('2026-06-21T09:00', c.zone),
        dueAt: EXTENDED_DUE_AT,
        schedule: { ...request.schedule, dueDate: '2026-06-22' },
        sequence: 1,
      }),
    );
    // The workflow sends a cancellation without an offset.
    const cancellation = requestFor(c, {
      messageId: `<res-80-1.report-${c.locale}.2026-06-15.cancellation@mandate-tracker>`,
      kind: 'cancellation',
      at: NOW,
      dueAt: EXTENDED_DUE_AT,
      sequence: 2,
    });
    delete cancellation.offset;
    const cancelled = await send(cancellation);
    const other = await send(
      requestFor(c, {
        workflowId: `res-80-1/report-${c.locale}/2026-07-15`,
        messageId: `<res-80-1.report-${c.locale}.2026-07-15.reminder-P7D@mandate-tracker>`,
      }),
    );

    const event = (p: ParsedMail) => onlyEvent(parseCalendar(calendarPart(p).text));
    const uid = property(event(parsed), 'UID');
    expect(property(event(later.parsed), 'UID')).toBe(uid);
    expect(property(event(extended.parsed), 'UID')).toBe(uid);
    expect(property(event(cancelled.parsed), 'UID')).toBe(uid);
    expect(property(event(other.parsed), 'UID')).not.toBe(uid);

    expect(property(event(later.parsed), 'SEQUENCE')).toBe('0');
    expect(property(event(extended.parsed), 'SEQUENCE')).toBe('1');
    expect(property(event(extended.parsed), 'DTEND')).toBe(utcStamp(EXTENDED_DUE_AT));
    expect(property(parseCalendar(calendarPart(extended.parsed).text), 'METHOD')).toBe('REQUEST');

    const cancel = calendarPart(cancelled.parsed);
    expect(cancel.contentType).toBe('text/calendar; method=CANCEL');
    expect(property(parseCalendar(cancel.text), 'METHOD')).toBe('CANCEL');
    expect(property(event(cancelled.parsed), 'STATUS')).toBe('CANCELLED');
    expect(child(event(cancelled.parsed), 'VALARM')).toHaveLength(0);
    expect(cancelled.parsed.headers.get('x-mandate-kind')).toBe('cancellation');
    expect(cancelled.parsed.headers.has('x-mandate-offset')).toBe(false);
    // A cancellation asks for nothing: no hand-in link.
    expect(cancelled.parsed.text).not.toContain('/hand-in?');
    for (const mail of [later, extended, cancelled]) {
      for (const line of physicalLines(calendarPart(mail.parsed).text))
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
  });
});
