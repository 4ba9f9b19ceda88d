/** `mandate plan`: the mail the workflows will send in a window, as JSON, a table or a calendar. */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { loadCatalog } from '../../catalog/load';
import { planCatalog, planCatalogInSlices } from '../../plan/catalog-plan';
import { dueInstant } from '../../plan/occurrence-plan';
import { taskTemplate, trackedOccurrences } from '../../plan/occurrences';
import { renderCalendar, type IcsEvent } from '../../calendar/ics';
import { calendarUid } from '../../calendar/uid';
import { dueEntry } from '../../calendar/due-entry';
import type { Catalog, PlannedMessage } from '../../shared/types';
import { occurrenceWorkflowId } from '../../shared/workflow-api';
import { ByteChunks, EncodedTexts } from '../byte-chunks';
import { shortZoneName } from '../../time/wall-clock';
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
    // A tentative occurrence's entries say so after `at`.
    const tentativeInstants = new EncodedTexts<string>(
      (at) => `${q(at)},\n    "tentative": true\n  }`,
    );
    const [open, comma] = [Buffer.from('[\n'), Buffer.from(',\n')];
    let first = true;
    for (const slice of slices) {
      for (const m of slice) {
        out.put(first ? open : comma);
        first = false;
        out.put(lookup(heads, m.task, head).get(m.occurrence));
        if (m.offset === undefined) out.put(kinds.get(m.kind));
        else if (m.kind === 'reminder') out.put(offsets.get(m.offset));
        else out.put(Buffer.from(`${q(m.kind)},\n    "offset": ${q(m.offset)},\n    "to": `));
        out.put(addresses.get(m.to));
        out.put((m.tentative ? tentativeInstants : instants).get(m.at));
      }
      yield* out.take();
    }
    yield Buffer.from(first ? '[]\n' : '\n]\n');
  };
}

/** The whole table of {@link tableRenderer} as one string. */
export function renderTable(catalog: Catalog, messages: PlannedMessage[]): string {
  return Buffer.concat([...tableRenderer(catalog)([messages])]).toString('utf8');
}

/**
 * One block per day (in the resolution's zone), each line in the recipient's
 * own time. A plan has few distinct instants, zones, tasks and people but
 * millions of lines: each line is put together from their text, formatted and
 * encoded once.
 */
export function tableRenderer(
  catalog: Catalog,
  chunkSize?: number,
): (slices: Iterable<PlannedMessage[]>) => Iterable<Uint8Array> {
  const zone = catalog.resolution.timezone;
  return function* (slices) {
    const out = new ByteChunks(chunkSize);
    const days = new Map<number, string>();
    const day = (atMs: number) => DateTime.fromMillis(atMs, { zone }).toFormat('cccc d LLLL yyyy');
    // `  HH:mm GMT+1 Zone/Name   ` by the recipient's zone, then instant.
    const whenIn = new Map<string, EncodedTexts<number>>();
    const when = (personZone: string | undefined) =>
      lookup(whenIn, personZone ?? '', () => {
        const inZone = personZone ?? zone;
        return new EncodedTexts<number>((atMs) => {
          const local = DateTime.fromMillis(atMs, { zone: inZone });
          const name = shortZoneName(atMs, inZone, local.locale ?? 'en-US');
          const text = `${local.toFormat('HH:mm')} ${name} ${personZone ?? ''}`;
          return `  ${text.trim().padEnd(34)} `;
        });
      });
    const kinds = new EncodedTexts<string>((kind) => `${kind.padEnd(24)} `);
    const offsets = new EncodedTexts<string>(
      (offset) => `${`reminder ${offset} before due`.padEnd(24)} `,
    );
    // `task (occurrence)  -> ` by task, then occurrence.
    const occurrences = new Map<string, EncodedTexts<string>>();
    const occurrence = (task: string) =>
      new EncodedTexts<string>((occurrence) => `${task} (${occurrence})  -> `);
    // By recipient: the time in their zone, and `Name <address>` by address.
    const recipients = new Map<
      string,
      { when: EncodedTexts<number>; to: EncodedTexts<string>; tentativeTo: EncodedTexts<string> }
    >();
    const recipient = (key: string) => {
      const person = catalog.people[key];
      return {
        when: when(person?.timezone),
        to: new EncodedTexts<string>((to) => `${person?.name ?? to} <${to}>\n`),
        tentativeTo: new EncodedTexts<string>(
          (to) => `${person?.name ?? to} <${to}>  [date to be confirmed]\n`,
        ),
      };
    };
    let [today, instant] = ['', Number.NaN];
    for (const slice of slices) {
      for (const m of slice) {
        // A slice is grouped by instant: the day changes only with it.
        if (m.atMs !== instant) {
          instant = m.atMs;
          const date = lookup(days, instant, day);
          if (date !== today) {
            out.put(Buffer.from(`${today ? '\n' : ''}${date} (${zone})\n`));
            today = date;
          }
        }
        const to = lookup(recipients, m.recipient, recipient);
        out.put(to.when.get(m.atMs));
        out.put(m.kind === 'reminder' ? offsets.get(String(m.offset)) : kinds.get(m.kind));
        out.put(lookup(occurrences, m.task, occurrence).get(m.occurrence));
        out.put((m.tentative ? to.tentativeTo : to.to).get(m.to));
      }
      yield* out.take();
    }
    if (!today) yield Buffer.from('No messages in this window.\n');
  };
}

/** The value kept under `key`, made on first use; a map grown past 100,000 starts over. */
function lookup<K, V>(map: Map<K, V>, key: K, make: (key: K) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= 100_000) map.clear();
    map.set(key, (value = make(key)));
  }
  return value;
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
        ...dueEntry({
          date: schedule.dueDate,
          ...(schedule.dueTime !== undefined ? { time: schedule.dueTime } : {}),
          at: due,
          tentative: schedule.tentative === true,
        }),
        summary: `Due: ${task.title}${schedule.tentative ? ' (date to be confirmed)' : ''}`,
        description: `${task.clause}. Responsible: ${task.responsible}.`,
      });
    }
  }
  for (const m of messages.filter((x) => x.kind === 'reminder')) {
    const task = catalog.tasks.find((t) => t.id === m.task);
    events.push({
      uid: `${catalog.resolution.id}.${m.task}.${m.occurrence}.reminder.${m.offset}.${m.recipient}@${domain}`,
      start: m.atMs,
      ...(m.tentative ? { status: 'TENTATIVE' as const } : {}),
      summary: `Reminder (${m.offset} before due): ${task?.title ?? m.task}`,
      description: `Reminder to ${m.to}`,
    });
  }
  return renderCalendar({ name: catalog.resolution.title, stamp: window.from, events });
}
