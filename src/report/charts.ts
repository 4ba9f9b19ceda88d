/**
 * A picture of the year: a timeline of the resolution's task occurrences by
 * clause (due dates coloured and shaped by status, today's line, the sessions
 * of each series as bands) and the count by status over time. Vega-Lite
 * specs compiled and rendered to SVG on the server by Vega (`View.toSVG()`,
 * no browser); each SVG carries role="img", an aria-label and a <title>/<desc>
 * for screen readers, and shapes as well as colours so it reads in grey print.
 */
import { DateTime } from 'luxon';
import { addDays } from '../time/duration';
import { html, rendererMarkup, type Html } from '../html/template';
import { REPORT_WORDS, statusWord } from '../i18n/report-words';
import { chartTimeLocale } from '../i18n/chart-time-locale';
import type { Locale } from '../shared/types';
import type { ReportContext } from './report-context';
import type { ReportRow } from './rows';

/** Colours and shapes per status: distinct in colour and in grey (print). */
const STATUS_STYLE: Record<string, { color: string; shape: string }> = {
  open: { color: '#1f5fa8', shape: 'circle' },
  submitted: { color: '#7b4fb0', shape: 'diamond' },
  returned: { color: '#c77700', shape: 'triangle-down' },
  completed: { color: '#2e7d32', shape: 'square' },
  overdue: { color: '#b3261e', shape: 'triangle-up' },
  waived: { color: '#757575', shape: 'cross' },
  'on-hold': { color: '#00838f', shape: 'stroke' },
  'not-started': { color: '#b0b0b0', shape: 'circle' },
};

/**
 * `aria: false`: marks and guides carry no roles of their own (Vega gives each
 * mark role="graphics-symbol" without a name, which axe counts as an image
 * without a text alternative); the one accessible name and the text
 * alternative are the SVG's aria-label, <title> and <desc>.
 */
const CHART_CONFIG = {
  aria: false,
  font: 'sans-serif',
  view: { stroke: '#c4c7cc' },
  legend: { labelLimit: 320 },
};

export interface Charts {
  timeline: string;
  counts: string;
}

/** The two charts of a report, as SVG text. */
export async function renderCharts(r: ReportContext): Promise<Charts> {
  const [timeline, counts] = await Promise.all([
    toSvg(timelineSpec(r), REPORT_WORDS[r.locale].charts.timeline, describeTimeline(r), r.locale),
    toSvg(countsSpec(r), REPORT_WORDS[r.locale].charts.countsOverTime, describeCounts(r), r.locale),
  ]);
  return { timeline, counts };
}

/** The charts as figures for a page or the HTML report. */
export function chartFigures(r: ReportContext, charts: Charts): Html {
  const words = REPORT_WORDS[r.locale].charts;
  return html`<section class="charts">
    <figure>
      ${rendererMarkup(charts.timeline)}
      <figcaption>${words.timeline}</figcaption>
    </figure>
    <figure>
      ${rendererMarkup(charts.counts)}
      <figcaption>${words.countsOverTime}</figcaption>
    </figure>
  </section>`;
}

function isoDay(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}

function statusDomain(r: ReportContext): string[] {
  const seen = new Set(r.rows.map((row) => row.status));
  return Object.keys(STATUS_STYLE).filter((s) => seen.has(s as ReportRow['status']));
}

function statusScales(r: ReportContext, domain: string[]) {
  const words = REPORT_WORDS[r.locale];
  return {
    color: {
      field: 'statusLabel',
      type: 'nominal',
      title: words.status,
      scale: {
        domain: domain.map((s) => statusWord(words, s)),
        range: domain.map((s) => STATUS_STYLE[s]?.color ?? '#000'),
      },
    },
    shape: {
      field: 'statusLabel',
      type: 'nominal',
      title: words.status,
      scale: {
        domain: domain.map((s) => statusWord(words, s)),
        range: domain.map((s) => STATUS_STYLE[s]?.shape ?? 'circle'),
      },
    },
  };
}

/** The picture's span: from the period's start to the end of its last year, so what is still ahead shows. */
function periodDomain(r: ReportContext): [string, string] {
  return [r.period.from, `${r.period.to.slice(0, 4)}-12-31`];
}

function timelineSpec(r: ReportContext): object {
  const words = REPORT_WORDS[r.locale];
  const zone = r.catalog.resolution.timezone;
  const [from, to] = periodDomain(r);
  const points = r.rows
    .filter((row) => row.dueAt !== undefined)
    .map((row) => ({
      clause: row.clause,
      task: row.title,
      due: isoDay(row.dueAt!, zone),
      statusLabel: statusWord(words, row.status),
    }))
    .filter((p) => p.due >= from && p.due <= to);
  const sessions = Object.values(r.catalog.events)
    .filter((e) => e.series !== undefined)
    .map((e) => ({ title: e.title, start: e.start, end: addDays(e.end ?? e.start, 1) }))
    .filter((e) => e.end >= from && e.start <= to);
  const today = isoDay(r.generatedAt, zone);
  const domain = statusDomain(r);
  // The scale's domain is set once (on the points); the other layers share the scale.
  const x = { field: 'due', type: 'temporal', title: words.charts.date };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 720,
    height: { step: 34 },
    background: 'white',
    layer: [
      {
        data: { values: sessions },
        mark: { type: 'rect', color: '#e0e4ea', opacity: 0.8 },
        encoding: {
          x: { ...x, field: 'start' },
          x2: { field: 'end' },
        },
      },
      {
        data: { values: sessions },
        mark: { type: 'text', dy: -4, baseline: 'bottom', align: 'left', fontSize: 10 },
        encoding: {
          x: { ...x, field: 'start' },
          y: { value: 0 },
          text: { field: 'title' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 90, opacity: 0.95 },
        encoding: {
          x: {
            ...x,
            scale: { domain: [from, to] },
            axis: { format: '%b', labelAngle: 0, tickCount: 'month' },
          },
          y: { field: 'clause', type: 'nominal', title: words.clause, sort: null },
          ...statusScales(r, domain),
        },
      },
      ...(today >= from && today <= to
        ? [
            {
              data: { values: [{ due: today, label: words.charts.today }] },
              layer: [
                { mark: { type: 'rule', color: '#1b1f24', strokeDash: [4, 3] }, encoding: { x } },
                {
                  // Right of the line's top is the sessions' label; today's goes left of it.
                  mark: {
                    type: 'text',
                    dx: -3,
                    dy: -4,
                    baseline: 'bottom',
                    align: 'right',
                    fontSize: 10,
                  },
                  encoding: { x, y: { value: 0 }, text: { field: 'label' } },
                },
              ],
            },
          ]
        : []),
    ],
    config: CHART_CONFIG,
  };
}

/** Each occurrence's status at instant `t`, from what its timestamps tell. */
export function statusAt(row: ReportRow, t: number): string | null {
  if (row.dueAt === undefined || row.status === 'not-started') return null;
  if (row.startedAt !== undefined && t < row.startedAt) return null;
  if (row.status === 'waived') {
    return row.closedAt === undefined || row.closedAt <= t
      ? 'waived'
      : row.dueAt < t
        ? 'overdue'
        : 'open';
  }
  if (row.completedAt !== undefined && row.completedAt <= t) return 'completed';
  if (row.deliveredAt !== undefined && row.deliveredAt <= t) return 'submitted';
  // A hold has no published start instant yet: shown as held over the whole timeline.
  if ((row.status as string) === 'on-hold') return 'on-hold';
  return row.dueAt < t ? 'overdue' : 'open';
}

/** Week ends from the period's start to today (or its end), as instants. */
function weeks(r: ReportContext): number[] {
  const zone = r.catalog.resolution.timezone;
  const start = DateTime.fromISO(r.period.from, { zone });
  const end = Math.min(r.rates.period.to, r.generatedAt);
  const out: number[] = [];
  for (let t = start.plus({ days: 7 }); t.toMillis() <= end; t = t.plus({ days: 7 }))
    out.push(t.toMillis());
  out.push(end);
  return out;
}

/** What the count over time draws: at each week's end (its date), the occurrences per status. */
export function countsOverTime(r: ReportContext): { date: string; counts: Map<string, number> }[] {
  const zone = r.catalog.resolution.timezone;
  return weeks(r).map((t) => {
    const counts = new Map<string, number>();
    for (const row of r.rows) {
      const s = statusAt(row, t);
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return { date: isoDay(t, zone), counts };
  });
}

function countsSpec(r: ReportContext): object {
  const words = REPORT_WORDS[r.locale];
  const weekly = countsOverTime(r);
  // Every status some week counts, not only the rows' statuses now: a task waived after its
  // due date was overdue for a while, though no row is overdue today.
  const counted = new Set(weekly.flatMap((w) => [...w.counts.keys()]));
  const domain = Object.keys(STATUS_STYLE).filter((s) => counted.has(s));
  const values: { date: string; statusLabel: string; count: number; order: number }[] = [];
  for (const { date, counts } of weekly)
    domain.forEach((s, order) =>
      values.push({ date, statusLabel: statusWord(words, s), count: counts.get(s) ?? 0, order }),
    );
  const { color } = statusScales(r, domain);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 720,
    height: 220,
    background: 'white',
    data: { values },
    mark: { type: 'area', line: { strokeWidth: 1 }, opacity: 0.85 },
    encoding: {
      x: {
        field: 'date',
        type: 'temporal',
        title: words.charts.date,
        scale: { domain: periodDomain(r) },
        axis: { format: '%b', labelAngle: 0, tickCount: 'month' },
      },
      y: { field: 'count', type: 'quantitative', stack: 'zero', title: words.charts.count },
      color,
      order: { field: 'order' },
    },
    config: CHART_CONFIG,
  };
}

function describeTimeline(r: ReportContext): string {
  return REPORT_WORDS[r.locale].charts.timelineDescription;
}

function describeCounts(r: ReportContext): string {
  const words = REPORT_WORDS[r.locale];
  const c = r.rates.resolution;
  return `${words.charts.countsDescription} ${words.rates.dueInPeriod}: ${c.due}; ${words.rates.onTime}: ${c.onTime}; ${words.rates.late}: ${c.late}; ${words.rates.overdue}: ${c.overdue}.`;
}

interface VegaGroup {
  marks?: VegaGroup[];
  axes?: { aria?: boolean }[];
  legends?: { aria?: boolean }[];
  aria?: boolean;
}

/** No ARIA role on any mark container, axis or legend (config.aria reaches only their items). */
function silenceMarks(group: VegaGroup): void {
  for (const guide of [...(group.axes ?? []), ...(group.legends ?? [])]) guide.aria = false;
  for (const mark of group.marks ?? []) {
    mark.aria = false;
    silenceMarks(mark);
  }
}

/** Compiles a Vega-Lite spec, renders it headless to SVG and labels it for screen readers (the registry draws with it too). */
export async function toSvg(
  spec: object,
  title: string,
  description: string,
  locale: Locale,
): Promise<string> {
  const vegaLite = await import('vega-lite');
  const vega = await import('vega');
  const compiled = vegaLite.compile(spec as never).spec;
  silenceMarks(compiled as unknown as VegaGroup);
  // The axis's month names in the report's language (Vega's own default is English).
  const view = new vega.View(vega.parse(compiled), {
    renderer: 'none',
    locale: { time: chartTimeLocale(locale) },
  } as never);
  const svg = await view.toSVG();
  view.finalize();
  const label = html`${title}. ${description}`.toString();
  const heading = html`<title>${title}</title><desc>${description}</desc>`.toString();
  // Vega escapes & < > " but leaves ' as is; as a character reference it means the
  // same everywhere in SVG and reads the same as the template's escaping.
  return svg.replace(/'/g, '&#39;').replace(/^<svg\b([^>]*)>/, (_all, attrs: string) => {
    const kept = attrs.replace(/\s(role|aria-label|aria-roledescription)="[^"]*"/g, '');
    return `<svg${kept} role="img" aria-label="${label}">${heading}`;
  });
}
