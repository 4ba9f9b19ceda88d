/**
 * Finds the dates, months, years and rhythms a clause's text names, so a
 * draft can propose a due date and say what a person still has to decide.
 */
import { DateTime } from 'luxon';

/** A date named in the text. */
export interface FoundDate {
  /** YYYY-MM-DD: the day, or for a month-only mention the month's last day. */
  date: string;
  /** True when the text names only the month ("August 2024"). */
  monthOnly: boolean;
  /** The words of the text that name it. */
  text: string;
}

/** Everything about time that a clause says. */
export interface FoundTimes {
  /** Days and months, in text order. */
  dates: FoundDate[];
  /** Years named without a month ("in 2025", "Council 2025"), in text order, without repeats. */
  years: string[];
  /** "annually", "yearly", "each year", "every year", "on a yearly basis". */
  annual: boolean;
  /** Words of a rhythm with no period: "regular", "regularly", "continue to", "each". */
  rhythm: string[];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH = `(${MONTHS.join('|')})`;
/** "31 March 2027", "22-23 September 2024" (the range's first day). */
const DAY_MONTH_YEAR = new RegExp(
  `\\b(\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?\\s+${MONTH}\\s+(\\d{4})\\b`,
  'g',
);
/** "March 31, 2027". */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),\\s*(\\d{4})\\b`, 'g');
/** "August 2024". */
const MONTH_YEAR = new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?(\\d{4})\\b`, 'g');
/**
 * A year; not one that is part of a name ("the 2030 Agenda", "Connect 2030",
 * "Resolution 140 (Rev. Bucharest, 2022)", "A/70/125").
 */
const YEAR =
  /(?<!Connect |[/\d]|Rev\. [A-Z][a-z]+, |\(\w+, )\b((?:19|20)\d\d)\b(?! (?:Agenda|Sustainable)|\))/g;
const ANNUAL = /\b(?:annual(?:ly)?|yearly|each year|every year|per year|on a yearly basis)\b/i;
const RHYTHM = /\b(?:regular(?:ly)?|continue to|each|periodic(?:ally)?)\b/gi;

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  return date.isValid ? (date.toISODate() ?? undefined) : undefined;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name) + 1;
}

/** Finds the dates, years and rhythm words of a clause's text. */
export function findTimes(text: string): FoundTimes {
  const found: { at: number; end: number; value: FoundDate }[] = [];
  const taken = (at: number, end: number): boolean => found.some((f) => at < f.end && end > f.at);

  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const date = isoDate(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]));
    if (date)
      found.push({
        at: m.index,
        end: m.index + m[0].length,
        value: { date, monthOnly: false, text: m[0] },
      });
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const date = isoDate(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]));
    if (date && !taken(m.index, m.index + m[0].length))
      found.push({
        at: m.index,
        end: m.index + m[0].length,
        value: { date, monthOnly: false, text: m[0] },
      });
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    if (taken(m.index, m.index + m[0].length)) continue;
    const first = DateTime.fromObject(
      { year: Number(m[2]), month: monthNumber(m[1] ?? ''), day: 1 },
      { zone: 'UTC' },
    );
    const date = first.endOf('month').toISODate();
    if (date)
      found.push({
        at: m.index,
        end: m.index + m[0].length,
        value: { date, monthOnly: true, text: m[0] },
      });
  }
  found.sort((a, b) => a.at - b.at);

  const years: string[] = [];
  for (const m of text.matchAll(YEAR)) {
    const year = m[1] ?? '';
    if (taken(m.index, m.index + m[0].length) || years.includes(year)) continue;
    years.push(year);
  }

  const rhythm = [...new Set([...text.matchAll(RHYTHM)].map((m) => m[0].toLowerCase()))];
  return { dates: found.map((f) => f.value), years, annual: ANNUAL.test(text), rhythm };
}
