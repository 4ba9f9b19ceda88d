/**
 * The registry as a person takes it away: a text table for the terminal, CSV
 * of the burden (one row per body, one column per month), and an Excel
 * workbook with the burden, the merge candidates and the mandates with no
 * end on three sheets (exceljs, typed cells, frozen header rows).
 */
import ExcelJS from 'exceljs';
import { csvDocument } from '../report/csv';
import type { Registry } from './registry';

export const REGISTRY_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
export type RegistryFormat = (typeof REGISTRY_FORMATS)[number];

export function isRegistryFormat(value: string): value is RegistryFormat {
  return (REGISTRY_FORMATS as readonly string[]).includes(value);
}

/** The burden as CSV: body, one column per month, total, invitations, resolutions. */
export function registryCsv(r: Registry): string {
  return csvDocument(
    ['body', ...r.months, 'total', 'invitations', 'resolutions'],
    r.burden.map((row) => [
      row.body,
      ...r.months.map((m) => String(row.months[m] ?? 0)),
      String(row.total),
      String(row.invitations),
      row.resolutions.join(' '),
    ]),
  );
}

/** The registry as text: the burden table, the merge candidates, the mandates with no end. */
export function registryTable(r: Registry): string {
  const out: string[] = [];
  out.push(
    `Registry of ${r.resolutions.length} resolutions (${r.resolutions.map((x) => x.id).join(', ')}), ${r.from} to ${r.to}`,
    '',
    'Reporting burden: occurrences due per body and month (of them, invitations)',
  );
  const head = ['body', ...r.months.map((m) => m.slice(2)), 'total'];
  const rows = r.burden.map((b) => [
    b.body,
    ...r.months.map((m) => String(b.months[m] || '.')),
    b.invitations > 0 ? `${b.total} (${b.invitations})` : String(b.total),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(line(head), ...rows.map(line), '');
  out.push(`Merge candidates (${r.overlaps.length}): the same body asked twice`);
  for (const o of r.overlaps) {
    out.push(`- ${o.body}: ${o.reasons.join('; ')}`);
    for (const s of [o.a, o.b])
      out.push(`    ${s.resolution} ${s.clause} (${s.taskId}): ${s.title}`);
  }
  out.push('', `Mandates with no end (${r.endless.length})`);
  for (const e of r.endless) out.push(`- ${e.resolution} ${e.clause} (${e.taskId}): ${e.reason}`);
  return out.join('\n') + '\n';
}

/** The registry as an Excel workbook. */
export async function registryXlsx(r: Registry): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'mandate-tracker';
  const burden = book.addWorksheet('Burden', { views: [{ state: 'frozen', ySplit: 1 }] });
  burden.columns = [
    { header: 'Body', key: 'body', width: 44 },
    ...r.months.map((m) => ({ header: m, key: m, width: 9 })),
    { header: 'Total', key: 'total', width: 8 },
    { header: 'Invitations', key: 'invitations', width: 12 },
    { header: 'Resolutions', key: 'resolutions', width: 30 },
  ];
  for (const b of r.burden)
    burden.addRow({
      body: b.body,
      ...b.months,
      total: b.total,
      invitations: b.invitations,
      resolutions: b.resolutions.join(', '),
    });
  const overlaps = book.addWorksheet('Merge candidates', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  overlaps.columns = [
    { header: 'Body', key: 'body', width: 30 },
    { header: 'Why', key: 'why', width: 40 },
    { header: 'First: resolution', key: 'aRes', width: 22 },
    { header: 'First: clause', key: 'aClause', width: 30 },
    { header: 'First: text', key: 'aText', width: 60 },
    { header: 'Second: resolution', key: 'bRes', width: 22 },
    { header: 'Second: clause', key: 'bClause', width: 30 },
    { header: 'Second: text', key: 'bText', width: 60 },
  ];
  for (const o of r.overlaps)
    overlaps.addRow({
      body: o.body,
      why: o.reasons.join('; '),
      aRes: o.a.resolution,
      aClause: o.a.clause,
      aText: o.a.text,
      bRes: o.b.resolution,
      bClause: o.b.clause,
      bText: o.b.text,
    });
  const endless = book.addWorksheet('No end', { views: [{ state: 'frozen', ySplit: 1 }] });
  endless.columns = [
    { header: 'Resolution', key: 'resolution', width: 22 },
    { header: 'Clause', key: 'clause', width: 36 },
    { header: 'Task', key: 'task', width: 30 },
    { header: 'Responsible', key: 'responsible', width: 30 },
    { header: 'Why', key: 'why', width: 50 },
  ];
  for (const e of r.endless)
    endless.addRow({
      resolution: e.resolution,
      clause: e.clause,
      task: e.taskId,
      responsible: e.responsible,
      why: e.reason,
    });
  for (const sheet of [burden, overlaps, endless]) {
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
