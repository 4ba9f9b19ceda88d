/** `mandate status` (listing from visibility) and `mandate show` (one task's timeline from its query). */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import {
  countByStatus,
  listTasks,
  ListFilterError,
  type ListFilter,
  type TaskListing,
} from '../../client/listing';
import { loadCatalog } from '../../catalog/load';
import { computeRates, percent, type RateCounts } from '../../report/rates';
import { ReportPeriodError, reportPeriod } from '../../report/report-context';
import { reportRows, rowsFromListings } from '../../report/rows';
import { taskActions } from '../../client/task-actions';
import { recurrenceDriver, showRecurrence } from './show-recurrence';
import { LISTED_STATUSES, type ListedStatus } from '../../shared/task-state';
import { cliClient } from '../client';
import { describeHistoryEntry } from '../../i18n/describe-history';
import { describeDeadline } from '../../i18n/deadline';
import { UsageError } from '../errors';
import { LOCALES, type Locale } from '../../shared/types';
import { dueColumn } from '../due-column';
import { printUnreachable } from './people';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('list task occurrences and their status (from search attributes)')
    .option('--overdue', 'only overdue tasks')
    .option('--due-within <duration>', 'only open tasks due within this date duration, e.g. P30D')
    .option('--resolution <id>', 'only this resolution')
    .option('--assignee <person>', 'only tasks assigned to this people key')
    .option('--tag <tag>', 'only tasks with this tag')
    .option('--status <status>', `only this status (${LISTED_STATUSES.join(', ')})`)
    .option('--summary', 'implementation rates per resolution, clause and responsible body')
    .option(
      '--unreachable',
      'people whose mail bounced permanently, with their open tasks and the last diagnostic',
    )
    .option('--catalog <file>', 'with --summary: the catalog, so tasks closed in it count too')
    .option('--from <date>', 'with --summary: first day of the period (default 1 January)')
    .option('--to <date>', 'with --summary: last day of the period (default today)')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        summary?: boolean;
        unreachable?: boolean;
        catalog?: string;
        from?: string;
        to?: string;
        overdue?: boolean;
        dueWithin?: string;
        resolution?: string;
        assignee?: string;
        tag?: string;
        status?: string;
        json?: boolean;
      }) => {
        if (options.unreachable) {
          await printUnreachable(options);
          return;
        }
        if (options.status && !LISTED_STATUSES.includes(options.status as ListedStatus)) {
          throw new UsageError(
            `--status: ${options.status} is not one of ${LISTED_STATUSES.join(', ')}`,
          );
        }
        const filter: ListFilter = {
          ...(options.overdue ? { overdue: true } : {}),
          ...(options.dueWithin ? { dueWithin: options.dueWithin } : {}),
          ...(options.resolution ? { resolution: options.resolution } : {}),
          ...(options.assignee ? { assignee: options.assignee } : {}),
          ...(options.tag ? { tag: options.tag } : {}),
          ...(options.status ? { statuses: [options.status as ListedStatus] } : {}),
          // A recurring task's next occurrence shows as upcoming, with its date, unless summing up.
          ...(options.summary ? {} : { upcoming: true }),
        };
        const { client, config } = await cliClient();
        let listings;
        try {
          listings = await listTasks(client, filter);
        } catch (error) {
          if (error instanceof ListFilterError) throw new UsageError(error.message);
          throw error;
        } finally {
          await client.connection.close();
        }
        if (options.summary) {
          printSummary(listings, options);
          return;
        }
        if (options.json) {
          process.stdout.write(
            JSON.stringify(
              listings.map((l) => ({ ...l, due: new Date(l.dueAt).toISOString() })),
              null,
              2,
            ) + '\n',
          );
          return;
        }
        const counts = countByStatus(listings);
        process.stdout.write(
          `${listings.length} task occurrence(s): ${
            Object.entries(counts)
              .filter(([, n]) => n > 0)
              .map(([s, n]) => `${n} ${s}`)
              .join(', ') || 'none'
          }\n`,
        );
        const due = dueColumn(config.dataDir);
        for (const l of listings) {
          process.stdout.write(
            `  ${l.status.padEnd(10)} ${due(l.resolution, l.dueAt)}  ${l.workflowId}  [${l.assignees.join(', ')}]\n`,
          );
        }
      },
    );

  program
    .command('show')
    .description('one task occurrence: what happened and what comes next')
    .argument(
      '<task>',
      "workflow id: <resolution>/<task>/<occurrence>, or a recurring task's <resolution>/<task>/recurrence",
    )
    .option('--json', 'print the full status as JSON')
    .option('--locale <locale>', `language of the timeline (${LOCALES.join(', ')})`, 'en')
    .action(async (workflowId: string, options: { json?: boolean; locale: string }) => {
      if (!(LOCALES as readonly string[]).includes(options.locale))
        throw new UsageError(`--locale: ${options.locale} is not one of ${LOCALES.join(', ')}`);
      const locale = options.locale as Locale;
      const { client } = await cliClient();
      try {
        const driver = recurrenceDriver(workflowId);
        if (driver) {
          await showRecurrence(client, workflowId, driver, options);
          return;
        }
        const view = await taskActions.status(client, workflowId);
        if (options.json) {
          process.stdout.write(JSON.stringify(view, null, 2) + '\n');
          return;
        }
        const at = (ms: number) =>
          DateTime.fromMillis(ms, { zone: view.resolution.zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
        const out = (line: string) => process.stdout.write(line + '\n');
        out(`${view.task.title}`);
        out(`  ${view.task.clause} — ${view.resolution.title}`);
        out(
          `  responsible ${view.task.responsible}; assignees ${view.assignees.map((a) => a.key).join(', ')}${view.manager ? `; manager ${view.manager.key}` : ''}`,
        );
        out(
          `  status ${view.status}; due ${describeDeadline(view.due, view.resolution.zone, view.dueAt, 'en').stated}`,
        );
        out('deliverables:');
        for (const d of view.deliverables)
          out(`  ${d.id} (${d.kind}): ${d.status}${d.comment ? ` — ${d.comment}` : ''}`);
        out('timeline:');
        for (const entry of view.history)
          out(`  ${at(entry.at)}  ${describeHistoryEntry(entry, locale)}`);
        out('next:');
        if (view.next.length === 0) out('  nothing planned');
        for (const n of view.next)
          out(`  ${n.at}  ${n.kind}${n.offset ? ` ${n.offset}` : ''} to ${n.to}`);
      } finally {
        await client.connection.close();
      }
    });
}

/** `status --summary`: the rates of each resolution listed, as text or JSON. */
function printSummary(
  listings: TaskListing[],
  options: { catalog?: string; from?: string; to?: string; json?: boolean },
): void {
  const catalog = options.catalog ? loadCatalog(options.catalog) : undefined;
  const now = Date.now();
  const resolutions = catalog
    ? [catalog.resolution.id]
    : [...new Set(listings.map((l) => l.resolution))].sort();
  const summaries = resolutions.map((resolution) => {
    const mine = listings.filter((l) => l.resolution === resolution);
    const zone = catalog?.resolution.timezone ?? 'UTC';
    let period;
    try {
      period = reportPeriod(zone, now, options.from, options.to);
    } catch (error) {
      if (error instanceof ReportPeriodError) throw new UsageError(error.message);
      throw error;
    }
    const rows = catalog ? reportRows(catalog, mine) : rowsFromListings(mine);
    return {
      resolution,
      zone,
      dates: period.dates,
      rates: computeRates(rows, period.instants, now),
    };
  });
  if (options.json) {
    process.stdout.write(
      JSON.stringify(
        summaries.map((s) => ({
          resolution: s.resolution,
          zone: s.zone,
          from: s.dates.from,
          to: s.dates.to,
          hasOnHold: s.rates.hasOnHold,
          rates: s.rates.resolution,
          byClause: s.rates.byClause,
          byResponsible: s.rates.byResponsible,
        })),
        null,
        2,
      ) + '\n',
    );
    return;
  }
  if (summaries.length === 0) process.stdout.write('no task occurrences\n');
  for (const s of summaries) {
    process.stdout.write(`${s.resolution}: ${s.dates.from} to ${s.dates.to} (${s.zone})\n`);
    const columns = [
      'due',
      'on time',
      'late',
      'overdue',
      'review',
      'waived',
      ...(s.rates.hasOnHold ? ['on hold'] : []),
      'on-time rate',
    ];
    const line = (label: string, c: RateCounts) =>
      `  ${label.padEnd(28)} ${[
        c.due,
        c.onTime,
        c.late,
        c.overdue,
        c.awaitingReview,
        c.waived,
        ...(s.rates.hasOnHold ? [c.onHold] : []),
      ]
        .map((n) => String(n).padStart(8))
        .join('')}${percent(c.onTimeRate).padStart(14)}\n`;
    process.stdout.write(
      `  ${''.padEnd(28)} ${columns.map((c, i) => (i === columns.length - 1 ? c.padStart(14) : c.padStart(8))).join('')}\n`,
    );
    process.stdout.write(line('resolution', s.rates.resolution));
    for (const g of s.rates.byClause) process.stdout.write(line(`clause ${g.key}`, g.counts));
    for (const g of s.rates.byResponsible) process.stdout.write(line(g.key, g.counts));
  }
}
