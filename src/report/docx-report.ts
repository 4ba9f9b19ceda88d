/**
 * The Council document in Word: title, period and "as of" line, the
 * implementation rates, then one table per part (clause) of the resolution
 * with task, responsible, due, status, delivered on, deliverables and
 * remarks, in the report's language (Arabic right to left). Built with the
 * `docx` library, landscape so the seven columns fit.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { intlLocale } from '../i18n/locales';
import { REPORT_WORDS } from '../i18n/report-words';
import { rateTable, reportHead } from './council-report';
import type { ReportContext } from './report-context';
import { headings, rowCells, rowText } from './row-text';
import { byClause } from './rows';

const LRM = '\u200e';
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

export async function renderDocxReport(r: ReportContext): Promise<Buffer> {
  const rtl = r.locale === 'ar';
  const words = REPORT_WORDS[r.locale];
  const zone = r.catalog.resolution.timezone;
  const head = reportHead(r);
  const lang = intlLocale(r.locale);
  const run = (text: string, bold = false) =>
    new TextRun({
      // Latin text alone in a right-to-left paragraph (a clause such as "resolves 3 a)",
      // a date, a name) keeps its order: marks at both ends keep a trailing bracket with it.
      text: rtl && !RTL_LETTER.test(text) && text !== '' ? `${LRM}${text}${LRM}` : text,
      bold,
      ...(rtl ? { rightToLeft: true } : {}),
    });
  const paragraph = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({
      children: [run(text)],
      ...(heading ? { heading } : {}),
      ...(rtl ? { bidirectional: true } : {}),
    });
  const table = (cols: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      ...(rtl ? { visuallyRightToLeft: true } : {}),
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: cols.map(
            (c) =>
              new TableCell({
                shading: { fill: 'EEF0F3' },
                children: [
                  new Paragraph({
                    children: [run(c, true)],
                    ...(rtl ? { bidirectional: true } : {}),
                  }),
                ],
              }),
          ),
        }),
        ...rows.map(
          (cells) =>
            new TableRow({
              cantSplit: true,
              children: cells.map(
                (c) =>
                  new TableCell({
                    children: [
                      new Paragraph({
                        children: [run(c)],
                        ...(rtl ? { bidirectional: true } : {}),
                      }),
                    ],
                  }),
              ),
            }),
        ),
      ],
    });
  const rates = rateTable(r);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [run(head.title)],
      ...(rtl ? { bidirectional: true } : {}),
    }),
    paragraph(words.subtitle, HeadingLevel.HEADING_1),
    paragraph(head.period),
    paragraph(head.asOf),
    paragraph(words.rates.heading, HeadingLevel.HEADING_1),
  ];
  for (const s of rates.sections)
    children.push(paragraph(s.heading, HeadingLevel.HEADING_2), table(rates.headings, s.rows));
  for (const [clause, group] of byClause(r.rows)) {
    children.push(paragraph(clause, HeadingLevel.HEADING_1));
    children.push(
      table(
        headings(words),
        group.map((row) => rowCells(rowText(row, zone, r.locale))),
      ),
    );
  }
  const document = new Document({
    creator: r.catalog.resolution.adoptedBy,
    title: head.title,
    description: words.subtitle,
    styles: {
      default: {
        document: {
          run: {
            font: 'Calibri',
            size: 20,
            language: { value: lang, ...(rtl ? { bidirectional: lang } : {}) },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: { orientation: PageOrientation.LANDSCAPE } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
