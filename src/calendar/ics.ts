/**
 * RFC 5545 calendars: the plan's calendar (`plan --ics`) and the invitation
 * attached to each mail. Lines are folded at 75 octets and text is escaped,
 * as Outlook, Google Calendar and Thunderbird expect.
 */

export interface IcsEvent {
  uid: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds; defaults to start + 30 minutes. */
  end?: number;
  summary: string;
  description?: string;
  url?: string;
  sequence?: number;
  status?: 'CONFIRMED' | 'CANCELLED';
  /** Minutes before the start for a display alarm. */
  alarmMinutesBefore?: number;
  organizer?: { name: string; email: string };
  attendees?: { name: string; email: string }[];
}

export interface IcsCalendar {
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  name?: string;
  /** Epoch milliseconds stamped on every event (DTSTAMP). */
  stamp: number;
  events: IcsEvent[];
}

function utc(instant: number): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function renderCalendar(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//mandate-tracker//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${calendar.method ?? 'PUBLISH'}`,
  ];
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utc(calendar.stamp)}`,
      `DTSTART:${utc(event.start)}`,
      `DTEND:${utc(event.end ?? event.start + 30 * 60_000)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `SEQUENCE:${event.sequence ?? 0}`,
      `STATUS:${event.status ?? 'CONFIRMED'}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    if (event.organizer) {
      lines.push(
        `ORGANIZER;CN=${escapeText(event.organizer.name)}:mailto:${event.organizer.email}`,
      );
    }
    for (const attendee of event.attendees ?? []) {
      lines.push(
        `ATTENDEE;CN=${escapeText(attendee.name)};ROLE=REQ-PARTICIPANT:mailto:${attendee.email}`,
      );
    }
    if (event.alarmMinutesBefore !== undefined && event.status !== 'CANCELLED') {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(event.summary)}`,
        `TRIGGER:-PT${event.alarmMinutesBefore}M`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
