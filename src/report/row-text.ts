/**
 * A report row as the text cells a document shows, in one language: the
 * text formats (Markdown, CSV, HTML) and Word share it, so a row reads the
 * same everywhere.
 */
import { DateTime } from 'luxon';
import { REPORT_WORDS, statusWord, type ReportWords } from '../i18n/report-words';
import { dueForDisplay } from '../i18n/due-display';
import type { Locale } from '../shared/types';
import type { ReportRow, RowRemark } from './rows';

export interface RowText {
  title: string;
  responsible: string;
  due: string;
  status: string;
  deliveredOn: string;
  deliverables: string;
  remarks: string;
}

/** The column headings, in the order of `rowText`'s cells. */
export function headings(words: ReportWords): string[] {
  return [
    words.task,
    words.responsible,
    words.due,
    words.status,
    words.deliveredOn,
    words.deliverables,
    words.remarks,
  ];
}

export function remarkText(words: ReportWords, remark: RowRemark): string {
  switch (remark.kind) {
    case 'waived':
      return words.waivedRemark(remark.on, remark.reason);
    case 'extended':
      return words.extendedRemark(remark.from, remark.to, remark.reason);
    case 'session':
      return words.sessionRemark(remark.title, remark.tentative);
    case 'recurring':
      return words.recurringRemark(remark.every);
    case 'completed-before-tracking':
      return words.completedBeforeRemark(remark.on);
  }
}

export function rowText(row: ReportRow, zone: string, locale: Locale): RowText {
  const words = REPORT_WORDS[locale];
  const at = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
  return {
    title: row.title,
    responsible: row.responsible,
    due: row.dueAt !== undefined ? dueForDisplay(row.dueAt, zone).toFormat('yyyy-MM-dd HH:mm') : '',
    status: statusWord(words, row.status),
    deliveredOn: row.deliveredAt !== undefined ? at(row.deliveredAt) : (row.deliveredOn ?? ''),
    deliverables: row.deliverables.join('; '),
    remarks: row.remarks.map((r) => remarkText(words, r)).join('; '),
  };
}

/** The cells of `rowText` in heading order. */
export function rowCells(text: RowText): string[] {
  return [
    text.title,
    text.responsible,
    text.due,
    text.status,
    text.deliveredOn,
    text.deliverables,
    text.remarks,
  ];
}
