/**
 * The Word and Excel reports read back by independent readers (python-docx
 * and openpyxl in the tools virtualenv, through test/report/read-office.py).
 */
import { describe, expect, it } from 'vitest';
import { REPORT_WORDS } from '../../src/i18n/report-words';
import { buildReport } from '../../src/report/report-context';
import { renderReport } from '../../src/report/render-report';
import { LOCALES } from '../../src/shared/types';
import { CATALOG, LISTINGS, NOW, PERIOD } from './rates-fixture';
import { readOffice as readBack, type DocxRead, type XlsxRead } from './read-office';

describe('Word report', () => {
  for (const locale of LOCALES) {
    it(`${locale}: headings, period, rates and one table per clause, read by python-docx`, async () => {
      const words = REPORT_WORDS[locale];
      const report = await renderReport(
        buildReport(CATALOG, LISTINGS, { now: NOW, locale, ...PERIOD }),
        'docx',
      );
      const raw = readBack(`report-${locale}.docx`, report.body) as DocxRead;
      // Arabic Latin-only runs carry left-to-right marks at both ends (checked below); compare without them.
      const doc = JSON.parse(JSON.stringify(raw).replace(/\u200e/g, '')) as DocxRead;
      const rawHeadings = raw.body.flatMap((b) =>
        'paragraph' in b && b.style === 'Heading 1' ? [b.paragraph] : [],
      );
      if (locale === 'ar') expect(rawHeadings).toContain('\u200eresolves 1\u200e');
      else expect(JSON.stringify(raw)).not.toMatch(/\u200e/);
      expect(doc.title).toBe('Test Council: A resolution to count');
      expect(doc.landscape).toBe(true);
      const paragraphs = doc.body.flatMap((b) => ('paragraph' in b ? [b] : []));
      const tables = doc.body.flatMap((b) => ('table' in b ? [b] : []));
      expect(paragraphs[0]).toMatchObject({ paragraph: doc.title, style: 'Title' });
      const heading1 = paragraphs.filter((p) => p.style === 'Heading 1').map((p) => p.paragraph);
      expect(heading1).toEqual([
        words.subtitle,
        words.rates.heading,
        'resolves 1',
        'invites 2',
        'resolves 3',
      ]);
      expect(paragraphs.map((p) => p.paragraph)).toContain(
        words.period('2027-01-01', '2027-12-31'),
      );
      // The zone by its name in the reader's language, not as an offset.
      if (locale === 'en')
        expect(paragraphs.map((p) => p.paragraph)).toContain(
          'Status as of 2027-07-01 14:00 Central European Time.',
        );
      // 3 rate tables (resolution, clauses, bodies), then 3 clause tables.
      expect(tables).toHaveLength(6);
      const [resolutionRates, , , resolves1, invites2, resolves3] = tables.map((t) => t.table);
      expect(resolutionRates?.[0]?.[1]).toBe(words.rates.dueInPeriod);
      // The engine publishes on-hold, so its column shows (none held here).
      expect(resolutionRates?.[0]?.[7]).toBe(words.rates.onHold);
      expect(resolutionRates?.[1]).toEqual([
        'test-rates',
        '8',
        '3',
        '1',
        '1',
        '1',
        '2',
        '0',
        expect.stringMatching(/50/),
      ]);
      for (const t of [resolves1, invites2, resolves3])
        expect(t?.[0]).toEqual([
          words.task,
          words.responsible,
          words.due,
          words.status,
          words.deliveredOn,
          words.deliverables,
          words.remarks,
        ]);
      // resolves 1: annual-report ×3, moot-task, council-doc ×2 (2027 tracked, 2028 from the catalog).
      expect(resolves1?.slice(1).map((r) => r[0])).toEqual([
        'Quarterly report',
        'Quarterly report',
        'Quarterly report',
        'A task overtaken by events',
        'Document for each Council session',
        'Document for each Council session',
      ]);
      const moot = resolves1?.[4];
      expect(moot?.[3]).toBe(words.statuses.waived);
      expect(moot?.[6]).toBe(words.waivedRemark('2027-01-10', 'Overtaken by the PP-26 decisions'));
      expect(resolves1?.[6]?.[3]).toBe(words.statuses['not-started']);
      expect(resolves1?.[6]?.[6]).toBe(words.sessionRemark('Council 2028', true));
      expect(resolves1?.[1]?.slice(2, 6)).toEqual([
        '2027-01-31 23:59',
        words.statuses.completed,
        '2027-01-28 11:00',
        'Report',
      ]);
      expect(invites2?.[1]?.[3]).toBe(words.statuses.overdue);
      const rtl = locale === 'ar';
      expect(paragraphs.every((p) => p.bidi === rtl)).toBe(true);
      expect(tables.every((t) => t.rightToLeft === rtl)).toBe(true);
    });
  }
});

describe('Excel tracking table', () => {
  it('one row per occurrence, typed cells, header with filters, frozen, read by openpyxl', async () => {
    const report = await renderReport(
      buildReport(CATALOG, LISTINGS, { now: NOW, ...PERIOD }),
      'xlsx',
    );
    expect(report.fileName).toBe('test-rates-2027-12-31.xlsx');
    const book = readBack('report.xlsx', report.body) as XlsxRead;
    expect(book.sheets).toHaveLength(1);
    const sheet = book.sheets[0]!;
    expect(sheet.name).toBe('test-rates');
    expect(sheet.freeze).toBe('A2');
    // 3 annual-report, moot, 2 council-doc, member, review, legacy, waived-run, old-task = 11, + header
    expect(sheet.rows).toHaveLength(12);
    expect(sheet.filter).toBe('A1:L12');
    expect(sheet.headerBold).toBe(true);
    const words = REPORT_WORDS.en;
    expect(sheet.rows[0]).toEqual([
      words.clause,
      words.taskId,
      words.occurrence,
      words.task,
      words.responsible,
      words.due,
      words.status,
      words.deliveredOn,
      words.closedOn,
      words.daysLate,
      words.deliverables,
      words.remarks,
    ]);
    const byKey = (task: string, occurrence: string) =>
      sheet.rows.find((r) => r[1] === task && r[2] === occurrence);
    // Dates are dates (wall clock in Europe/Zurich), not text.
    expect(byKey('annual-report', '2027-01-31')).toEqual([
      'resolves 1',
      'annual-report',
      '2027-01-31',
      'Quarterly report',
      'Secretariat',
      { date: '2027-01-31T23:59:00' },
      'Completed',
      { date: '2027-01-28T11:00:00' },
      { date: '2027-02-02T11:00:00' },
      null,
      'Report',
      null,
    ]);
    // Handed in 3 May 12:00 for 30 April (end of day = 1 May 00:00): 2 days and 12 hours, so 3 days late.
    expect(byKey('annual-report', '2027-04-30')?.[9]).toBe(3);
    expect(byKey('legacy-task', '2027-02-01')?.[7]).toEqual({ date: '2027-01-20T00:00:00' });
    expect(byKey('moot-task', '2027-02-15')?.[6]).toBe('Waived');
    expect(byKey('council-doc', 'council-2028')?.[11]).toBe('Council 2028 (date to be confirmed)');
    expect(sheet.formats[5]).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.rightToLeft).toBe(false);
  });

  it('Arabic sheets read right to left', async () => {
    const report = await renderReport(
      buildReport(CATALOG, LISTINGS, { now: NOW, locale: 'ar', ...PERIOD }),
      'xlsx',
    );
    const sheet = (readBack('report-ar.xlsx', report.body) as XlsxRead).sheets[0]!;
    expect(sheet.rightToLeft).toBe(true);
    expect(sheet.rows[0]?.[6]).toBe(REPORT_WORDS.ar.status);
  });
});
