/**
 * A resolution's status for Council: one table per clause (task, responsible,
 * due, status, delivered on, deliverables), in Markdown, CSV or HTML. The
 * catalog gives the order and the words; visibility gives the state.
 */
import { DateTime } from 'luxon';
import type { TaskListing } from '../client/listing';
import { html, joinHtml, renderDocument, type Html } from '../html/template';
import { dueForDisplay } from '../i18n/due-display';
import type { Catalog } from '../shared/types';

export type ReportFormat = 'md' | 'csv' | 'html';

export interface ReportRow {
  clause: string;
  task: string;
  title: string;
  responsible: string;
  due: string;
  status: string;
  deliveredOn: string;
  deliverables: string;
}

/** One row per tracked occurrence (or per task not started yet), in catalog order. */
export function reportRows(catalog: Catalog, listings: TaskListing[]): ReportRow[] {
  const zone = catalog.resolution.timezone;
  const day = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const due = (ms: number) => dueForDisplay(ms, zone).toFormat('yyyy-MM-dd HH:mm');
  const rows: ReportRow[] = [];
  for (const task of catalog.tasks) {
    const mine = listings.filter((l) => l.task === task.id).sort((a, b) => a.dueAt - b.dueAt);
    const base = {
      clause: task.clause,
      task: task.id,
      title: task.title,
      responsible: task.responsible,
      deliverables: task.deliverables.map((d) => d.title).join('; '),
    };
    if (mine.length === 0) {
      rows.push({
        ...base,
        due: task.recurrence
          ? `every ${task.recurrence.every}`
          : task.due.kind === 'series'
            ? `each session of ${task.due.series}`
            : '',
        status: task.waived
          ? `waived on ${task.waived.on}: ${task.waived.reason}`
          : task.completed
            ? 'completed'
            : 'not started',
        deliveredOn: task.completed ?? '',
      });
      continue;
    }
    for (const listing of mine) {
      rows.push({
        ...base,
        due: due(listing.dueAt),
        status: listing.status,
        deliveredOn: listing.deliveredAt ? day(listing.deliveredAt) : (task.completed ?? ''),
      });
    }
  }
  return rows;
}

const HEADERS = ['Task', 'Responsible', 'Due', 'Status', 'Delivered on', 'Deliverables'] as const;

function cells(row: ReportRow): string[] {
  return [row.title, row.responsible, row.due, row.status, row.deliveredOn, row.deliverables];
}

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

function byClause(rows: ReportRow[]): Map<string, ReportRow[]> {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) groups.set(row.clause, [...(groups.get(row.clause) ?? []), row]);
  return groups;
}

export function renderReport(
  catalog: Catalog,
  rows: ReportRow[],
  format: ReportFormat,
  generatedAt: number,
): string {
  const when = DateTime.fromMillis(generatedAt, { zone: catalog.resolution.timezone }).toFormat(
    'yyyy-MM-dd HH:mm ZZZZ',
  );
  const title = `${catalog.resolution.adoptedBy}: ${catalog.resolution.title}`;
  if (format === 'csv') {
    const csv = (value: string) =>
      /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    const lines = [['Clause', 'Task id', ...HEADERS].join(',')];
    for (const row of rows) lines.push([row.clause, row.task, ...cells(row)].map(csv).join(','));
    return lines.join('\r\n') + '\r\n';
  }
  if (format === 'md') {
    const out = [`# ${markdownText(title)}`, '', `Status as of ${when}.`, ''];
    for (const [clause, group] of byClause(rows)) {
      out.push(
        `## ${markdownText(clause)}`,
        '',
        `| ${HEADERS.join(' | ')} |`,
        `|${HEADERS.map(() => '---').join('|')}|`,
      );
      for (const row of group) out.push(`| ${cells(row).map(markdownText).join(' | ')} |`);
      out.push('');
    }
    return out.join('\n');
  }
  return renderDocument(htmlReport(title, when, rows));
}

/** The HTML form: one table per clause, every cell escaped by the template. */
function htmlReport(title: string, when: string, rows: ReportRow[]): Html {
  const sections = [...byClause(rows)].map(
    ([clause, group]) =>
      html`<section>
        <h2>${clause}</h2>
        <table>
          <thead>
            <tr>
              ${HEADERS.map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${joinHtml(
              group.map(
                (row) =>
                  html`<tr>
                    ${cells(row).map((c, i) =>
                      i === 3
                        ? html`<td class="status-${c.replace(/ /g, '-')}">${c}</td>`
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
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          body {
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
          .status-overdue {
            color: #a50e0e;
            font-weight: 600;
          }
          .status-completed {
            color: #1b5e20;
          }
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        <p>Status as of ${when}.</p>
        ${joinHtml(sections, '\n')}
      </body>
    </html> `;
}
