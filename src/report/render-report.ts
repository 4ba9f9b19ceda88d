/** One entry for every report format: the body, its media type and a file name. */
import { chartFigures, renderCharts } from './charts';
import { renderTextReport, type TextReportOptions } from './council-report';
import { renderDocxReport } from './docx-report';
import type { ReportContext } from './report-context';
import { REPORT_MEDIA_TYPES, type ReportFormat } from './formats';
import { renderXlsxReport } from './xlsx-report';

export { isReportFormat, REPORT_FORMATS, REPORT_MEDIA_TYPES, type ReportFormat } from './formats';

export interface RenderedReport {
  body: string | Buffer;
  mediaType: string;
  /** e.g. `itu-c-1332-2026-12-01.docx`. */
  fileName: string;
}

export async function renderReport(
  r: ReportContext,
  format: ReportFormat,
  options: TextReportOptions = {},
): Promise<RenderedReport> {
  const body =
    format === 'docx'
      ? await renderDocxReport(r)
      : format === 'xlsx'
        ? await renderXlsxReport(r)
        : format === 'html'
          ? renderTextReport(r, format, chartFigures(r, await renderCharts(r)), options)
          : renderTextReport(r, format);
  return {
    body,
    mediaType: REPORT_MEDIA_TYPES[format],
    fileName: `${r.catalog.resolution.id}-${r.period.to}.${format}`,
  };
}
