/**
 * The tracking table in Excel: one row per task occurrence, typed cells
 * (dates as dates, numbers as numbers), a header row with filters, frozen
 * under it. Built with `exceljs`. A date cell holds the wall-clock date in
 * the resolution's zone (Excel dates carry no zone), so it reads as the
 * report's other formats do.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { dueForDisplay } from '../i18n/due-display';
import { REPORT_WORDS, statusWord } from '../i18n/report-words';
import { rateBucket } from './rates';
import type { ReportContext } from './report-context';
import { remarkText } from './row-text';

/** A wall-clock date and time as an Excel date: its fields read in UTC. */
function excelDate(local: DateTime): Date {
  return new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second),
  );
}

function excelDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export async function renderXlsxReport(r: ReportContext): Promise<Buffer> {
  const words = REPORT_WORDS[r.locale];
  const zone = r.catalog.resolution.timezone;
  const book = new ExcelJS.Workbook();
  book.creator = r.catalog.resolution.adoptedBy;
  book.created = new Date(r.generatedAt);
  const sheet = book.addWorksheet(r.catalog.resolution.id.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: r.locale === 'ar' }],
  });
  sheet.columns = [
    { header: words.clause, key: 'clause', width: 14 },
    { header: words.taskId, key: 'task', width: 24 },
    { header: words.occurrence, key: 'occurrence', width: 14 },
    { header: words.task, key: 'title', width: 48 },
    { header: words.responsible, key: 'responsible', width: 20 },
    { header: words.due, key: 'due', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: words.status, key: 'status', width: 22 },
    {
      header: words.deliveredOn,
      key: 'delivered',
      width: 18,
      style: { numFmt: 'yyyy-mm-dd hh:mm' },
    },
    { header: words.closedOn, key: 'closed', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: words.daysLate, key: 'daysLate', width: 10, style: { numFmt: '0' } },
    { header: words.deliverables, key: 'deliverables', width: 40 },
    { header: words.remarks, key: 'remarks', width: 40 },
  ];
  const local = (ms: number) => DateTime.fromMillis(ms, { zone });
  for (const row of r.rows) {
    const bucket = rateBucket(row, r.rates.period, r.generatedAt);
    const done = row.deliveredAt ?? row.completedAt;
    const late =
      bucket === 'late' && done !== undefined && row.dueAt !== undefined
        ? Math.ceil((done - row.dueAt) / 86_400_000)
        : null;
    sheet.addRow({
      clause: row.clause,
      task: row.task,
      occurrence: row.occurrence ?? null,
      title: row.title,
      responsible: row.responsible,
      due: row.dueAt !== undefined ? excelDate(dueForDisplay(row.dueAt, zone)) : null,
      status: statusWord(words, row.status),
      delivered:
        row.deliveredAt !== undefined
          ? excelDate(local(row.deliveredAt))
          : row.deliveredOn
            ? excelDay(row.deliveredOn)
            : null,
      closed: row.closedAt !== undefined ? excelDate(local(row.closedAt)) : null,
      daysLate: late,
      // Empty text stays an empty cell, so filters offer "(Blanks)".
      deliverables: row.deliverables.join('; ') || null,
      remarks: row.remarks.map((m) => remarkText(words, m)).join('; ') || null,
    });
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF0F3' } };
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, r.rows.length + 1), column: sheet.columns.length },
  };
  return Buffer.from(await book.xlsx.writeBuffer());
}
