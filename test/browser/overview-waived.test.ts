/**
 * The overview of a resolution with a task waived in the catalog and one
 * waived from the dashboard, in a real browser against a real Temporal dev
 * server: the status cards count both as the rates do, and the picture of
 * the year shows each as owed until its waiver and waived after it.
 * Screenshots go to artifacts/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { cards } from '../support/overview-cards';
import { staffSession } from '../support/staff-sign-in';
import { reportData } from '../../src/client/report-data';
import { taskActions } from '../../src/client/task-actions';
import { countsOverTime, statusAt } from '../../src/report/charts';
import { buildReport } from '../../src/report/report-context';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { MANAGER_TOKEN, parseCatalog, startHttpHarness, type HttpHarness } from '../http/harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const RESOLUTION = 'waiver-test';
const today = DateTime.utc().startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

// Due five weeks ago, waived in the catalog three weeks ago: the "due 1 November, waived
// 15 November" of the report that found it, moved to wherever today is.
const catalog = parseCatalog(`
version: 2
resolution:
  id: ${RESOLUTION}
  title: Waiver test resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-ar: { name: نقطة الاتصال, email: focal-ar@example.org, timezone: Asia/Riyadh, locale: ar }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: overtaken
    clause: resolves 1
    title: Study overtaken by the Plenipotentiary
    responsible: Secretariat
    assignees: [focal-ar]
    due: ${date(-36)}
    waived: { on: ${date(-22)}, reason: Overtaken by the PP decisions }
    deliverables:
      - { id: study, title: Study, kind: text }
  - id: dropped
    clause: resolves 2
    title: Survey the Council dropped
    responsible: Secretariat
    assignees: [focal-ar]
    due: ${date(10)}
    deliverables:
      - { id: survey, title: Survey, kind: text }
  - id: still-open
    clause: resolves 3
    title: Annual contribution
    responsible: Secretariat
    assignees: [focal-ar]
    due: ${date(20)}
    deliverables:
      - { id: note, title: Note, kind: text }
`);
const DROPPED = occurrenceWorkflowId(RESOLUTION, 'dropped', date(10));

let stack: HttpHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startHttpHarness({ catalog, taskQueue: 'waiver-test' });
  browser = await launchChromium();
  const context = await browser.newContext();
  const cookies = (await staffSession(stack.server.url, MANAGER_TOKEN)).split('; ');
  await context.addCookies(
    cookies.map((c) => {
      const [name, value] = c.split('=');
      return { name: name!, value: value!, url: stack.server.url };
    }),
  );
  page = await context.newPage();
  await taskActions.waive(stack.env.client, DROPPED, {
    by: 'sec',
    reason: 'The Council dropped the survey',
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('waived tasks on the overview', () => {
  it('counts a task waived in the catalog and one waived from the dashboard on the cards', async () => {
    // Visibility lags the workflows: reload until the dashboard's waiver is counted.
    await expect
      .poll(
        async () => {
          await page.goto(`${stack.server.url}/?resolution=${RESOLUTION}`);
          return cards(page);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatchObject({ waived: 2, open: 1, overdue: 0 });
    // The count over time names every status it draws: overdue too, though nothing is now.
    const counts = page.locator(`section[aria-labelledby=report-${RESOLUTION}] figure svg`).nth(1);
    const legend = await counts.locator('text').allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['Open', 'Overdue', 'Waived']));
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-waived.png'), fullPage: true });
  });

  it('shows each waived task as owed until its waiver and waived after it', async () => {
    const now = Date.now();
    const data = await reportData(stack.env.client, catalog, now);
    const report = buildReport(catalog, data.listings, { now, views: data.views });
    // The rates count what fell due: the catalog's waiver, not yet the dashboard's (due in 10 days).
    expect(report.rates.resolution.waived).toBe(1);
    const at = (days: number) => today.plus({ days, hours: 12 }).toMillis();
    const overtaken = report.rows.find((r) => r.task === 'overtaken')!;
    expect(statusAt(overtaken, at(-40))).toBe('open');
    expect(statusAt(overtaken, at(-30))).toBe('overdue');
    expect(statusAt(overtaken, at(-22))).toBe('waived');
    // Waived today from the dashboard: nothing before its workflow started, waived from its close.
    const dropped = report.rows.find((r) => r.task === 'dropped')!;
    expect(statusAt(dropped, at(-40))).toBeNull();
    expect(statusAt(dropped, now)).toBe('waived');
    // What the chart draws, week by week: nothing waived before the catalog's waiver.
    const weeks = countsOverTime(report);
    for (const week of weeks.slice(0, -1)) {
      const waived = week.counts.get('waived') ?? 0;
      expect(waived, week.date).toBe(week.date < date(-22) ? 0 : 1);
    }
    expect(weeks.at(-1)!.counts.get('waived')).toBe(2);
  });
});
