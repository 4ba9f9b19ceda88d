/**
 * RFC 5545 calendars: the plan's calendar (`plan --ics`) and the invitation
 * attached to each mail. Written by ical-generator, which quotes parameter
 * values (`CN="Smith, John; Jr."`), escapes text and folds lines at 75 octets
 * on whole characters, as Outlook, Google Calendar and Thunderbird expect.
 */
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';

export interface IcsEvent {
  /** Stable across updates; an occurrence's due date takes `calendarUid` (./uid). */
  uid: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds; defaults to start + 30 minutes. */
  end?: number;
  /** An all-day entry on this date (YYYY-MM-DD), as written: `start` and `end` are then unused. */
  allDay?: string;
  summary: string;
  description?: string;
  url?: string;
  sequence?: number;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Minutes before the start for a display alarm; a cancelled event gets none. */
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

const METHOD = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
} as const;

const STATUS = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
} as const;

/**
 * A display name as a CN parameter can carry it. RFC 5545 allows no double
 * quote in a parameter value; RFC 6868 writes one as `^'`, which readers
 * without RFC 6868 show as is. Typographic quotes, opening then closing,
 * read right everywhere.
 */
export function calendarName(name: string): string {
  let open = true;
  return name.replace(/"/g, () => {
    const mark = open ? '\u201c' : '\u201d';
    open = !open;
    return mark;
  });
}

/** The calendar as text: CRLF line ends, folded, every instant in UTC. */
export function renderCalendar(calendar: IcsCalendar): string {
  const cal = ical({
    prodId: '//mandate-tracker//EN',
    scale: 'GREGORIAN',
    method: METHOD[calendar.method ?? 'PUBLISH'],
    // Through x(), which escapes the value as TEXT; name() would write it raw.
    ...(calendar.name ? { x: [['X-WR-CALNAME', calendar.name] as [string, string]] } : {}),
  });
  const stamp = new Date(calendar.stamp);
  for (const event of calendar.events) {
    const status = event.status ?? 'CONFIRMED';
    cal.createEvent({
      id: event.uid,
      stamp,
      ...(event.allDay !== undefined
        ? {
            // A date, not an instant: DTSTART;VALUE=DATE, the same day in every zone.
            allDay: true,
            start: DateTime.fromISO(event.allDay, { zone: 'UTC' }),
            end: DateTime.fromISO(event.allDay, { zone: 'UTC' }).plus({ days: 1 }),
          }
        : {
            start: new Date(event.start),
            end: new Date(event.end ?? event.start + 30 * 60_000),
          }),
      summary: event.summary,
      sequence: event.sequence ?? 0,
      status: STATUS[status],
      ...(event.description ? { description: event.description } : {}),
      ...(event.url ? { url: event.url } : {}),
      ...(event.organizer
        ? { organizer: { ...event.organizer, name: calendarName(event.organizer.name) } }
        : {}),
      attendees: (event.attendees ?? []).map((a) => ({
        ...a,
        name: calendarName(a.name),
        role: ICalAttendeeRole.REQ,
      })),
      // A cancelled entry must not keep ringing in calendars that still show it.
      alarms:
        event.alarmMinutesBefore !== undefined && status !== 'CANCELLED'
          ? [{ type: ICalAlarmType.display, trigger: event.alarmMinutesBefore * 60 }]
          : [],
    });
  }
  const text = cal.toString();
  // RFC 5545 3.1 ends every content line, the last too, with CRLF; ical-generator omits the last.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
