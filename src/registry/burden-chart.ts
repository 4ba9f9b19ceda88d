/**
 * The reporting burden as a picture: occurrences due per month, stacked by
 * body (Vega-Lite rendered to SVG on the server, labelled for screen readers
 * as the report's charts are).
 */
import { toSvg } from '../report/charts';
import type { Registry } from './registry';

export async function burdenChart(r: Registry): Promise<string> {
  const values = r.burden.flatMap((b) =>
    r.months.map((month) => ({ month, body: b.body, count: b.months[month] ?? 0 })),
  );
  const busiest = [...r.months]
    .map((m) => [m, r.burden.reduce((n, b) => n + (b.months[m] ?? 0), 0)] as const)
    .sort((a, b) => b[1] - a[1])[0];
  const description =
    `${r.owed.length} occurrences due from ${r.from} to ${r.to} across ${r.burden.length} bodies` +
    (busiest && busiest[1] > 0 ? `; the busiest month is ${busiest[0]} with ${busiest[1]}.` : '.');
  return toSvg(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      width: 640,
      height: 260,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: 'Month', sort: r.months },
        y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: 'Occurrences due' },
        color: { field: 'body', type: 'nominal', title: 'Body', scale: { scheme: 'tableau10' } },
      },
      config: {
        aria: false,
        font: 'sans-serif',
        legend: { labelLimit: 320, orient: 'bottom', columns: 1 },
      },
    },
    'Reporting burden by month',
    description,
    'en',
  );
}
