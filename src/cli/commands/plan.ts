/** `mandate plan`: the mail the workflows will send in a window, as JSON, a table or a calendar. */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { loadCatalog } from '../../catalog/load';
import { planCatalog, planCatalogInSlices } from '../../plan/catalog-plan';
import { dueInstant } from '../../plan/occurrence-plan';
import { taskTemplate, trackedOccurrences } from '../../plan/occurrences';
import { renderCalendar, type IcsEvent } from '../../calendar/ics';
import { calendarUid } from '../../calendar/uid';
import type { Catalog, PlannedMessage } from '../../shared/types';
import { occurrenceWorkflowId } from '../../shared/workflow-api';
import { ByteChunks, EncodedTexts } from '../byte-chunks';
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
      async (
        file: string,
        options: { from?: string; to?: string; json?: boolean; table?: boolean; ics?: boolean },
      ) => {
        const catalog = loadCatalog(file);
        const window = parseWindow(options, catalog.resolution.timezone, Date.now());
        if (options.ics) {
          const messages = planCatalog(catalog, window.from, window.to);
          process.stdout.write(renderPlanCalendar(catalog, window, messages));
          return;
        }
        // Written a slice of time at a time: a plan of millions of messages never sits in memory whole.
        const slices = planCatalogInSlices(catalog, window.from, window.to);
        const render = options.table ? tableRenderer(catalog) : jsonArrayRenderer();
        await writeAll(process.stdout, render(slices));
      },
    );
}

/**
 * The plan as `JSON.stringify(entries, null, 2)` would print it, in bytes, one
 * or more buffers per slice. A plan's millions of entries repeat a few
 * thousand task ids, addresses and instants: each entry is put together from
 * their JSON, encoded once.
 */
export function jsonArrayRenderer(
  chunkSize?: number,
): (slices: Iterable<PlannedMessage[]>) => Iterable<Uint8Array> {
  return function* (slices) {
    const out = new ByteChunks(chunkSize);
    const q = JSON.stringify;
    // `  {` up to `"kind": `, by task, then occurrence.
    const heads = new Map<string, EncodedTexts<string>>();
    const head = (task: string) =>
      new EncodedTexts<string>(
        (occurrence) =>
          `  {\n    "task": ${q(task)},\n    "occurrence": ${q(occurrence)},\n    "kind": `,
      );
    // The kind (and a reminder's offset) up to `"to": `.
    const kinds = new EncodedTexts<string>((kind) => `${q(kind)},\n    "to": `);
    const offsets = new EncodedTexts<string>(
      (offset) => `"reminder",\n    "offset": ${q(offset)},\n    "to": `,
    );
    const addresses = new EncodedTexts<string>((to) => `${q(to)},\n    "at": `);
    const instants = new EncodedTexts<string>((at) => `${q(at)}\n  }`);
    const [open, comma] = [Buffer.from('[\n'), Buffer.from(',\n')];
    let first = true;
    for (const slice of slices) {
      for (const m of slice) {
        out.put(first ? open : comma);
        first = false;
        let byOccurrence = heads.get(m.task);
        if (!byOccurrence) {
          if (heads.size >= 100_000) heads.clear();
          heads.set(m.task, (byOccurrence = head(m.task)));
        }
        out.put(byOccurrence.get(m.occurrence));
        if (m.offset === undefined) out.put(kinds.get(m.kind));
        else if (m.kind === 'reminder') out.put(offsets.get(m.offset));
        else out.put(Buffer.from(`${q(m.kind)},\n    "offset": ${q(m.offset)},\n    "to": `));
        out.put(addresses.get(m.to));
        out.put(instants.get(m.at));
      }
      yield* out.take();
    }
    yield Buffer.from(first ? '[]\n' : '\n]\n');
  };
}

/** The whole table of {@link tableRenderer} as one string. */
export function renderTable(catalog: Catalog, messages: PlannedMessage[]): string {
  return [...tableRenderer(catalog)([messages])].join('');
}

/** One block per day (in the resolution's zone), each line in the recipient's own time. */
export function tableRenderer(
  catalog: Catalog,
): (slices: Iterable<PlannedMessage[]>) => Iterable<string> {
  const zone = catalog.resolution.timezone;
  // A plan has few distinct instants and zones but millions of lines: format each pair once.
  const dayOf = new Map<number, string>();
  const localOf = new Map<string, Map<number, string>>();
  const today = (atMs: number) => {
    let text = dayOf.get(atMs);
    if (text === undefined) {
      text = DateTime.fromMillis(atMs, { zone }).toFormat('cccc d LLLL yyyy');
      dayOf.set(atMs, text);
    }
    return text;
  };
  const when = (atMs: number, personZone: string | undefined) => {
    const key = personZone ?? '';
    let inZone = localOf.get(key);
    if (!inZone) localOf.set(key, (inZone = new Map()));
    let text = inZone.get(atMs);
    if (text === undefined) {
      const local = DateTime.fromMillis(atMs, { zone: personZone ?? zone });
      text = `${local.toFormat('HH:mm')} ${local.toFormat('ZZZZ')} ${personZone ?? ''}`.trim();
      inZone.set(atMs, text);
    }
    return text;
  };
  return function* (slices) {
    let day = '';
    for (const slice of slices) {
      const lines: string[] = [];
      for (const m of slice) {
        const date = today(m.atMs);
        if (date !== day) {
          if (day) lines.push('\n');
          lines.push(`${date} (${zone})\n`);
          day = date;
        }
        const person = catalog.people[m.recipient];
        const what = m.kind === 'reminder' ? `reminder ${m.offset} before due` : m.kind;
        lines.push(
          `  ${when(m.atMs, person?.timezone).padEnd(34)} ${what.padEnd(24)} ${m.task} (${m.occurrence})  -> ${person?.name ?? m.to} <${m.to}>\n`,
        );
      }
      if (lines.length > 0) yield lines.join('');
    }
    if (!day) yield 'No messages in this window.\n';
  };
}

/** Writes the pieces in order, waiting whenever the stream's buffer is full. */
async function writeAll(
  stream: NodeJS.WritableStream,
  pieces: Iterable<string | Uint8Array>,
): Promise<void> {
  for (const piece of pieces) {
    if (!stream.write(piece)) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          stream.off('drain', done);
          stream.off('error', done);
          if (error) reject(error);
          else resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
      });
    }
  }
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
