/**
 * A resolution's status for Council in the text formats: one table per
 * clause (task, responsible, due, status, delivered on, deliverables,
 * remarks) and the implementation rates, in Markdown, CSV or HTML. Word and
 * Excel are in docx-report.ts and xlsx-report.ts; all read one ReportContext.
 */
import { csvDocument } from './csv';
import { DateTime } from 'luxon';
import { html, joinHtml, renderDocument, type Html } from '../html/template';
import { zoneName } from '../i18n/deadline';
import { intlLocale } from '../i18n/locales';
import { REPORT_WORDS } from '../i18n/report-words';
import { percent, type RateCounts } from './rates';
import type { ReportContext } from './report-context';
import { headings, rowCells, rowText } from './row-text';
import { byClause } from './rows';

export type TextFormat = 'md' | 'csv' | 'html';

/**
 * A value as text in a Markdown table cell. Markdown passes inline HTML
 * through, so `<` and `>` become entities (and `&` where it would start one);
 * a pipe would end the cell and a newline the row.
 */
function markdownText(value: string): string {
  return value
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** The title, the "as of" line and the period line, in the report's language. */
export function reportHead(r: ReportContext): { title: string; asOf: string; period: string } {
  const words = REPORT_WORDS[r.locale];
  const zone = r.catalog.resolution.timezone;
  // The zone by name in the report's language ("Central European Time"), as mail names it.
  const when = `${DateTime.fromMillis(r.generatedAt, { zone }).toFormat('yyyy-MM-dd HH:mm')} ${zoneName(zone, r.locale, r.generatedAt)}`;
  return {
    title: `${r.catalog.resolution.adoptedBy}: ${r.catalog.resolution.title}`,
    asOf: words.asOf(when),
    period: words.period(r.period.from, r.period.to),
  };
}

/** The rate table's headings and one row of cells per group, in the report's language. */
export function rateTable(r: ReportContext): {
  headings: string[];
  sections: { heading: string; rows: string[][] }[];
} {
  const words = REPORT_WORDS[r.locale].rates;
  const tag = intlLocale(r.locale);
  const cells = (key: string, c: RateCounts) => [
    key,
    String(c.due),
    String(c.onTime),
    String(c.late),
    String(c.overdue),
    String(c.awaitingReview),
    String(c.waived),
    ...(r.rates.hasOnHold ? [String(c.onHold)] : []),
    percent(c.onTimeRate, tag),
  ];
  return {
    headings: [
      words.group,
      words.dueInPeriod,
      words.onTime,
      words.late,
      words.overdue,
      words.awaitingReview,
      words.waived,
      ...(r.rates.hasOnHold ? [words.onHold] : []),
      words.onTimeRate,
    ],
    sections: [
      {
        heading: words.resolution,
        rows: [cells(r.catalog.resolution.id, r.rates.resolution)],
      },
      { heading: words.byClause, rows: r.rates.byClause.map((g) => cells(g.key, g.counts)) },
      {
        heading: words.byResponsible,
        rows: r.rates.byResponsible.map((g) => cells(g.key, g.counts)),
      },
    ],
  };
}

/** The HTML report's look: inline in a file, the site's /report.css in the dashboard (its CSP allows no inline style). */
export const REPORT_STYLESHEET = `body {
  font-family: system-ui, sans-serif;
  margin: 2rem;
  color: #1b1f24;
}
table {
  border-collapse: collapse;
  width: 100%;
  margin-bottom: 1.5rem;
}
th,
td {
  border: 1px solid #c4c7cc;
  padding: 0.35rem 0.5rem;
  text-align: start;
  vertical-align: top;
}
th {
  background: #eef0f3;
}
figure {
  margin: 0 0 1.5rem;
}
figure svg {
  max-width: 100%;
  height: auto;
}
.status-overdue {
  color: #a50e0e;
  font-weight: 600;
}
.status-completed {
  color: #1b5e20;
}
`;

export interface TextReportOptions {
  /** HTML: link this stylesheet instead of carrying the style inline. */
  stylesheetHref?: string;
}

/** Markdown, CSV or HTML; `charts` (HTML only) is the picture of the year, already rendered. */
export function renderTextReport(
  r: ReportContext,
  format: TextFormat,
  charts?: Html,
  options: TextReportOptions = {},
): string {
  const words = REPORT_WORDS[r.locale];
  const zone = r.catalog.resolution.timezone;
  const head = reportHead(r);
  const texts = r.rows.map((row) => ({ row, cells: rowCells(rowText(row, zone, r.locale)) }));
  if (format === 'csv')
    return csvDocument(
      [words.clause, words.taskId, ...headings(words)],
      texts.map(({ row, cells }) => [row.clause, row.task, ...cells]),
    );
  const rates = rateTable(r);
  if (format === 'md') {
    const table = (cols: string[], rows: string[][]) => [
      `| ${cols.map(markdownText).join(' | ')} |`,
      `|${cols.map(() => '---').join('|')}|`,
      ...rows.map((cells) => `| ${cells.map(markdownText).join(' | ')} |`),
      '',
    ];
    const out = [
      `# ${markdownText(head.title)}`,
      '',
      markdownText(head.asOf),
      '',
      `## ${markdownText(words.rates.heading)}`,
      '',
      markdownText(head.period),
      '',
    ];
    for (const section of rates.sections)
      out.push(`### ${markdownText(section.heading)}`, '', ...table(rates.headings, section.rows));
    for (const [clause, group] of byClause(r.rows)) {
      const cells = texts.filter((t) => group.includes(t.row)).map((t) => t.cells);
      out.push(`## ${markdownText(clause)}`, '', ...table(headings(words), cells));
    }
    return out.join('\n');
  }
  return renderDocument(htmlReport(r, texts, charts, options));
}

function htmlTable(cols: string[], rows: string[][]): Html {
  return html`<table>
    <thead>
      <tr>
        ${cols.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${joinHtml(
        rows.map(
          (cells) =>
            html`<tr>
              ${cells.map((c) => html`<td>${c}</td>`)}
            </tr>`,
        ),
        '\n',
      )}
    </tbody>
  </table>`;
}

/**
 * The rates as HTML: the period, then a table per grouping (the dashboard shows it too).
 * Each table scrolls sideways on a phone, so its box is a named region in the tab order.
 */
export function ratesHtml(r: ReportContext, headingLevel: 'h2' | 'h3' = 'h2'): Html {
  const words = REPORT_WORDS[r.locale];
  const rates = rateTable(r);
  const sub = (text: string) =>
    headingLevel === 'h2' ? html`<h3>${text}</h3>` : html`<h4>${text}</h4>`;
  return html`<section class="rates">
    ${headingLevel === 'h2' ? html`<h2>${words.rates.heading}</h2>` : html`<h3>${words.rates.heading}</h3>`}
    <p>${reportHead(r).period}</p>
    ${rates.sections.map(
      (s) =>
        html`${sub(s.heading)}
          <div class="rates-wrap" tabindex="0" role="region" aria-label="${s.heading}">
            ${htmlTable(rates.headings, s.rows)}
          </div>`,
    )}
  </section>`;
}

/** The HTML form: rates, the picture of the year, one table per clause; every cell escaped by the template. */
function htmlReport(
  r: ReportContext,
  texts: { row: ReportContext['rows'][number]; cells: string[] }[],
  charts: Html | undefined,
  options: TextReportOptions,
): Html {
  const words = REPORT_WORDS[r.locale];
  const head = reportHead(r);
  const sections = [...byClause(r.rows)].map(
    ([clause, group]) =>
      html`<section>
        <h2>${clause}</h2>
        <table>
          <thead>
            <tr>
              ${headings(words).map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${joinHtml(
              texts
                .filter((t) => group.includes(t.row))
                .map(
                  ({ row, cells }) =>
                    html`<tr>
                      ${cells.map((c, i) =>
                        i === 3
                          ? html`<td class="status-${row.status}">${c}</td>`
                          : html`<td>${c}</td>`,
                      )}
                    </tr>`,
                ),
              '\n',
            )}
          </tbody>
        </table>
      </section>`,
  );
  return html`<!doctype html>
    <html lang="${intlLocale(r.locale)}" dir="${r.locale === 'ar' ? 'rtl' : 'ltr'}">
      <head>
        <meta charset="utf-8" />
        <title>${head.title}</title>
        ${
          options.stylesheetHref
            ? html`<link rel="stylesheet" href="${options.stylesheetHref}" />`
            : html`<style>
                ${REPORT_STYLESHEET}
              </style>`
        }
      </head>
      <body>
        <h1>${head.title}</h1>
        <p>${head.asOf}</p>
        ${ratesHtml(r)} ${charts} ${joinHtml(sections, '\n')}
      </body>
    </html> `;
}
