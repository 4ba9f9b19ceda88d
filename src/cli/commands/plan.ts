/** `mandate plan`: the mail the workflows will send in a window, as JSON, a table or a calendar. */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { loadCatalog } from '../../catalog/load';
import { planCatalog, toPlanEntry } from '../../plan/catalog-plan';
import { dueInstant } from '../../plan/occurrence-plan';
import { taskTemplate, trackedOccurrences } from '../../plan/occurrences';
import { renderCalendar, type IcsEvent } from '../../calendar/ics';
import { calendarUid } from '../../calendar/uid';
import type { Catalog, PlannedMessage } from '../../shared/types';
import { occurrenceWorkflowId } from '../../shared/workflow-api';
import { parseWindow, type Window } from '../window';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description(
      'list every message the workflows will send in a window, assuming nobody hands anything in',
    )
    .argument('<catalog>', 'catalog YAML file')
    .option('--from <iso>', 'start of the window, exclusive (default: now)')
    .option('--to <iso>', 'end of the window, exclusive (default: one year after --from)')
    .option('--json', 'print a JSON array, one object a message (the default)')
    .option('--table', 'print a table for people, grouped by day, times in each recipient zone')
    .option('--ics', 'print an iCalendar file of due dates and reminders')
    .action(
      (
        file: string,
        options: { from?: string; to?: string; json?: boolean; table?: boolean; ics?: boolean },
      ) => {
        const catalog = loadCatalog(file);
        const window = parseWindow(options, catalog.resolution.timezone, Date.now());
        const messages = planCatalog(catalog, window.from, window.to);
        if (options.table) process.stdout.write(renderTable(catalog, messages));
        else if (options.ics) process.stdout.write(renderPlanCalendar(catalog, window, messages));
        else process.stdout.write(JSON.stringify(messages.map(toPlanEntry), null, 2) + '\n');
      },
    );
}

/** One block per day (in the resolution's zone), each line in the recipient's own time. */
export function renderTable(catalog: Catalog, messages: PlannedMessage[]): string {
  if (messages.length === 0) return 'No messages in this window.\n';
  const zone = catalog.resolution.timezone;
  const lines: string[] = [];
  let day = '';
  for (const m of messages) {
    const today = DateTime.fromMillis(m.atMs, { zone }).toFormat('cccc d LLLL yyyy');
    if (today !== day) {
      if (day) lines.push('');
      lines.push(`${today} (${zone})`);
      day = today;
    }
    const person = catalog.people[m.recipient];
    const local = DateTime.fromMillis(m.atMs, { zone: person?.timezone ?? zone });
    const when =
      `${local.toFormat('HH:mm')} ${local.toFormat('ZZZZ')} ${person?.timezone ?? ''}`.trim();
    const what = m.kind === 'reminder' ? `reminder ${m.offset} before due` : m.kind;
    lines.push(
      `  ${when.padEnd(34)} ${what.padEnd(24)} ${m.task} (${m.occurrence})  -> ${person?.name ?? m.to} <${m.to}>`,
    );
  }
  return lines.join('\n') + '\n';
}

function renderPlanCalendar(catalog: Catalog, window: Window, messages: PlannedMessage[]): string {
  const events: IcsEvent[] = [];
  const domain = 'mandate-tracker';
  for (const task of catalog.tasks) {
    for (const schedule of trackedOccurrences(
      taskTemplate(catalog, task),
      window.from,
      window.to,
    )) {
      const due = dueInstant(schedule);
      if (due <= window.from || due >= window.to) continue;
      events.push({
        // The mail's UID for this occurrence, so the invitation replaces this entry.
        uid: calendarUid({
          workflowId: occurrenceWorkflowId(catalog.resolution.id, task.id, schedule.occurrence),
        }),
        start: due - 60 * 60_000,
        end: due,
        summary: `Due: ${task.title}`,
        description: `${task.clause}. Responsible: ${task.responsible}.`,
        alarmMinutesBefore: 24 * 60,
      });
    }
  }
  for (const m of messages.filter((x) => x.kind === 'reminder')) {
    const task = catalog.tasks.find((t) => t.id === m.task);
    events.push({
      uid: `${catalog.resolution.id}.${m.task}.${m.occurrence}.reminder.${m.offset}.${m.recipient}@${domain}`,
      start: m.atMs,
      summary: `Reminder (${m.offset} before due): ${task?.title ?? m.task}`,
      description: `Reminder to ${m.to}`,
    });
  }
  return renderCalendar({ name: catalog.resolution.title, stamp: window.from, events });
}
