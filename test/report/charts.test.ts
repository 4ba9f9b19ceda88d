/** The picture of the year: SVG rendered on the server by Vega, labelled for screen readers. */
import { describe, expect, it } from 'vitest';
import { REPORT_WORDS } from '../../src/i18n/report-words';
import { renderCharts, statusAt } from '../../src/report/charts';
import { buildReport } from '../../src/report/report-context';
import { renderReport } from '../../src/report/render-report';
import { reportRows } from '../../src/report/rows';
import { CATALOG, LISTINGS, NOW, PERIOD } from './rates-fixture';

describe('charts', () => {
  it('the timeline shows every clause, the sessions, today and a title for screen readers', async () => {
    const report = buildReport(CATALOG, LISTINGS, { now: NOW, locale: 'fr', ...PERIOD });
    const { timeline, counts } = await renderCharts(report);
    const words = REPORT_WORDS.fr;
    expect(timeline).toMatch(/^<svg[^>]* role="img" aria-label="[^"]+"/);
    expect(timeline).toContain(`<title>${words.charts.timeline}</title>`);
    for (const clause of ['resolves 1', 'invites 2', 'resolves 3'])
      expect(timeline).toContain(clause);
    expect(timeline).toContain('Council 2027');
    expect(timeline).toContain(words.charts.today);
    for (const status of ['completed', 'overdue', 'waived', 'submitted'] as const)
      expect(timeline).toContain(words.statuses[status]);
    // 2027 marks only: 3 annual-report, moot, council-2027, member, review, legacy, waived-run.
    const points = /<g class="mark-symbol role-mark [^"]*"[^>]*>(.*?)<\/g>/.exec(timeline)?.[1];
    expect(points?.match(/<path /g)).toHaveLength(9);
    expect(counts).toMatch(/^<svg[^>]* role="img"/);
    expect(counts).toContain(`<title>${words.charts.countsOverTime}</title>`);
  });

  it('gives each chart one accessible name and no unnamed symbol or image inside', async () => {
    const report = buildReport(CATALOG, LISTINGS, { now: NOW, locale: 'fr', ...PERIOD });
    for (const svg of Object.values(await renderCharts(report))) {
      expect(svg.match(/role="img"/g)).toHaveLength(1);
      expect(svg.match(/aria-label=/g)).toHaveLength(1);
      expect(svg.match(/<title>/g)).toHaveLength(1);
      expect(svg.match(/<desc>/g)).toHaveLength(1);
      // Vega's default gives every mark role="graphics-symbol" with no name (axe svg-img-alt).
      expect(svg).not.toMatch(/role="graphics-symbol"|role="graphics-document"/);
      expect(svg).not.toMatch(/aria-roledescription="(point|symbol|area|rect|text|rule)/);
    }
  });

  it('writes the axes in the report’s language, month names included', async () => {
    const texts = (svg: string) =>
      [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const [locale, months] of [
      ['fr', ['janv.', 'févr.', 'déc.']],
      ['ar', ['يناير', 'ديسمبر']],
      ['zh', ['1月', '12月']],
    ] as const) {
      const report = buildReport(CATALOG, LISTINGS, { now: NOW, locale, ...PERIOD });
      const { timeline, counts } = await renderCharts(report);
      for (const svg of [timeline, counts]) {
        const shown = texts(svg);
        for (const month of months) expect(shown).toContain(month);
        expect(shown).not.toContain('Jan');
        expect(shown).toContain(REPORT_WORDS[locale].charts.date);
      }
    }
  });

  it('the count over time follows each occurrence through its states', () => {
    const rows = reportRows(CATALOG, LISTINGS);
    const april = rows.find((r) => r.task === 'annual-report' && r.occurrence === '2027-04-30')!;
    // due 30 April (end of day), handed in 3 May, closed 4 May
    expect(statusAt(april, Date.parse('2027-04-15T00:00:00Z'))).toBe('open');
    expect(statusAt(april, Date.parse('2027-05-02T00:00:00Z'))).toBe('overdue');
    expect(statusAt(april, Date.parse('2027-05-03T12:00:00Z'))).toBe('submitted');
    expect(statusAt(april, Date.parse('2027-05-05T00:00:00Z'))).toBe('completed');
    const future = rows.find((r) => r.task === 'council-doc' && r.occurrence === 'council-2028')!;
    expect(statusAt(future, NOW)).toBeNull();
    expect(
      statusAt(
        { ...april, startedAt: Date.parse('2027-03-01T00:00:00Z') },
        Date.parse('2027-02-01T00:00:00Z'),
      ),
    ).toBeNull();
  });

  it('counts a task waived in the catalog as owed until the day it was waived, then waived', () => {
    const rows = reportRows(CATALOG, LISTINGS);
    // due 15 February 2027, waived in the catalog on 10 January (Europe/Zurich)
    const moot = rows.find((r) => r.task === 'moot-task')!;
    expect(moot.status).toBe('waived');
    expect(statusAt(moot, Date.parse('2027-01-09T12:00:00Z'))).toBe('open');
    expect(statusAt(moot, Date.parse('2027-01-09T23:30:00Z'))).toBe('waived');
    expect(statusAt(moot, Date.parse('2027-06-01T00:00:00Z'))).toBe('waived');
    // A waiver after the due date: overdue between the two, as the dashboard's own waivers are.
    const late = { ...moot, closedAt: Date.parse('2027-03-01T00:00:00Z') };
    expect(statusAt(late, Date.parse('2027-02-20T00:00:00Z'))).toBe('overdue');
    expect(statusAt(late, Date.parse('2027-03-02T00:00:00Z'))).toBe('waived');
    // The one the dashboard waived: tracked from its start, waived from its close.
    const run = rows.find((r) => r.task === 'waived-run')!;
    expect(run.closedAt).toBeDefined();
    expect(statusAt(run, run.closedAt! - 1)).not.toBe('waived');
    expect(statusAt(run, run.closedAt!)).toBe('waived');
  });

  it('the HTML report carries both charts', async () => {
    const html = await renderReport(
      buildReport(CATALOG, LISTINGS, { now: NOW, ...PERIOD }),
      'html',
    );
    expect(String(html.body).match(/<figure>\s*<svg[^>]* role="img"/g)).toHaveLength(2);
  });
});
