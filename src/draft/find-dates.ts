/**
 * Finds the dates, months and years a clause's text names, and whether a
 * deadline word ("by", "no later than", "before the end of", ...) comes
 * before each, so a draft can propose a due date at the precision the text
 * gives and say what a person still has to decide.
 *
 * A day is a due date wherever it stands. A month or a year is one only
 * after a deadline word ("by June 2027" is the month's last day, "before the
 * end of 2027" the year's); a month named without one ("1st physical
 * meeting: October 2024") says when something happens, not by when, and the
 * draft leaves its day to a person rather than invent one.
 */
import { DateTime } from 'luxon';

/** How much of the date the text gives. */
export type DatePrecision = 'day' | 'month' | 'year';

/** A date named in the text. */
export interface FoundDate {
  /** YYYY-MM-DD: the day; for a month or a year after a deadline word, its last day. */
  date: string;
  precision: DatePrecision;
  /** True when a deadline word comes before it: "by", "no later than", "before the end of", ... */
  deadline: boolean;
  /** The words of the text that name it (with the deadline words). */
  text: string;
}

/** Everything about dates that a clause says. */
export interface FoundTimes {
  /** Days, months and years, in text order. */
  dates: FoundDate[];
  /** Years named without a month and without a deadline word, in text order, without repeats. */
  years: string[];
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
 * A year; not one that is part of a name ("the 2030 Agenda", "Agenda 2030",
 * "Connect 2030", "Resolution 140 (Rev. Bucharest, 2022)", "A/70/125").
 */
const YEAR =
  /(?<!Connect |Agenda |[/\d]|Rev\. [A-Z][a-z]+, |\(\w+, )\b((?:19|20)\d\d)\b(?!\s*(?:Agenda|agenda|Sustainable|Vision)\b|\))/g;
/** The deadline words that may stand right before a date. */
const DEADLINE_BEFORE =
  /(?:\bby(?: the end of)?|\bno later than|\bnot later than|\bbefore(?: the end of)?|\buntil|\bat the latest by|\bup to)\s+(?:(?:the )?(?:end|close) of\s+)?$/i;
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
  const add = (at: number, words: string, date: string, precision: DatePrecision): void => {
    const before = DEADLINE_BEFORE.exec(text.slice(Math.max(0, at - 40), at));
    const start = before ? at - before[0].length : at;
    found.push({
      at,
      end: at + words.length,
      value: {
        date,
        precision,
        deadline: before !== null,
        text: text.slice(start, at + words.length),
      },
    });
  };

  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const date = isoDate(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]));
    if (date) add(m.index, m[0], date, 'day');
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const date = isoDate(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]));
    if (date && !taken(m.index, m.index + m[0].length)) add(m.index, m[0], date, 'day');
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    if (taken(m.index, m.index + m[0].length)) continue;
    const last = DateTime.fromObject(
      { year: Number(m[2]), month: monthNumber(m[1] ?? ''), day: 1 },
      { zone: 'UTC' },
    )
      .endOf('month')
      .toISODate();
    if (last) add(m.index, m[0], last, 'month');
  }
  const years: string[] = [];
  for (const m of text.matchAll(YEAR)) {
    const year = m[1] ?? '';
    if (taken(m.index, m.index + m[0].length)) continue;
    if (DEADLINE_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)))
      add(m.index, m[0], `${year}-12-31`, 'year');
    else if (!years.includes(year)) years.push(year);
  }
  found.sort((a, b) => a.at - b.at);

  const rhythm = [...new Set([...text.matchAll(RHYTHM)].map((m) => m[0].toLowerCase()))];
  return { dates: found.map((f) => f.value), years, rhythm };
}

/** A date that can stand as a due date: a day, or a month or year after a deadline word. */
export function isDue(date: FoundDate): boolean {
  return date.precision === 'day' || date.deadline;
}
