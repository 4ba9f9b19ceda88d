/**
 * The plan written a slice of time at a time (`mandate plan` on a large
 * catalog) is the whole plan: the slices, one after another, are exactly
 * planCatalog's list, and the JSON and table renderers print what the
 * one-piece forms print.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { jsonArrayRenderer, renderTable, tableRenderer } from '../../src/cli/commands/plan';
import { loadCatalog } from '../../src/catalog/load';
import { planCatalog, planCatalogInSlices, toPlanEntry } from '../../src/plan/catalog-plan';
import type { PlannedMessage } from '../../src/shared/types';

const DAY = 86_400_000;

function message(fields: Partial<PlannedMessage>): PlannedMessage {
  return {
    task: 'task',
    occurrence: '2027-01-01',
    kind: 'overdue',
    to: 'a@example.org',
    at: '2027-01-02T09:00:00.000+01:00',
    atMs: 0,
    recipient: 'a',
    ...fields,
  };
}
const catalogs = ['catalogs/itu-council-1332.yaml', 'test/fixtures/multi-zone.yaml'];
const from = Date.UTC(2026, 11, 1, 9, 30);
const to = Date.UTC(2028, 6, 1);

describe('planCatalogInSlices', () => {
  for (const file of catalogs) {
    it(`cuts ${file} into slices that join to planCatalog's list, whatever the slice`, () => {
      const catalog = loadCatalog(file);
      const whole = planCatalog(catalog, from, to);
      expect(whole.length).toBeGreaterThan(100);
      // A week, a prime number of hours, a slice longer than the window.
      for (const slice of [7 * DAY, 37 * 3_600_000, 1_000 * DAY]) {
        const pieces = [...planCatalogInSlices(catalog, from, to, slice)];
        expect(pieces.flat()).toEqual(whole);
        if (slice === 7 * DAY) expect(pieces.length).toBe(Math.ceil((to - from) / slice));
      }
    });
  }

  it('keeps a message that falls exactly on a slice boundary, once', () => {
    const catalog = loadCatalog('test/fixtures/multi-zone.yaml');
    const whole = planCatalog(catalog, from, to);
    const boundary = whole[Math.floor(whole.length / 2)]!.atMs;
    // Slices of (boundary - from): the second slice begins at the message's instant.
    const pieces = [...planCatalogInSlices(catalog, from, to, boundary - from)];
    expect(pieces[1]![0]!.atMs).toBe(boundary);
    expect(pieces.flat()).toEqual(whole);
  });
});

describe('the streaming renderers', () => {
  const catalog = loadCatalog('test/fixtures/multi-zone.yaml');
  const whole = planCatalog(catalog, from, to);
  const sliced = () => planCatalogInSlices(catalog, from, to, 10 * DAY);

  const json = (slices: Iterable<PlannedMessage[]>, chunkSize?: number) =>
    Buffer.concat([...jsonArrayRenderer(chunkSize)(slices)]).toString('utf8');

  it('print the JSON array JSON.stringify prints', () => {
    expect(json(sliced())).toBe(JSON.stringify(whole.map(toPlanEntry), null, 2) + '\n');
    expect(json([[], []])).toBe('[]\n');
  });

  it('print the bytes of JSON.stringify for any text, across buffer boundaries', () => {
    // Quotes, backslashes, control characters, accents, CJK, Arabic and an emoji,
    // in buffers smaller than one entry.
    const texts = ['t"1', 'back\\slash', 'tab\tline\n', 'é-ü', '报告', 'تقرير', '📎', 'plain'];
    const messages: PlannedMessage[] = texts.flatMap((text, i) => [
      message({ task: text, to: `${text}@example.org`, kind: 'overdue' }),
      message({ occurrence: text, kind: 'reminder', offset: `P${i}D${text}` }),
      message({ at: text, kind: 'escalation' }),
      message({ at: text, kind: 'overdue', tentative: true }),
    ]);
    for (const size of [1, 7, 64, 1 << 20]) {
      const halves = [messages.slice(0, 5), [], messages.slice(5)];
      expect(json(halves, size)).toBe(JSON.stringify(messages.map(toPlanEntry), null, 2) + '\n');
    }
  });

  it('print the table that formatting each line on its own with luxon prints, in any buffer size', () => {
    const zone = catalog.resolution.timezone;
    const lines: string[] = [];
    let day = '';
    for (const m of whole) {
      const date = DateTime.fromMillis(m.atMs, { zone }).toFormat('cccc d LLLL yyyy');
      if (date !== day) lines.push(`${day ? '\n' : ''}${date} (${zone})\n`);
      day = date;
      const person = catalog.people[m.recipient]!;
      const local = DateTime.fromMillis(m.atMs, { zone: person.timezone ?? zone });
      const when = `${local.toFormat('HH:mm ZZZZ')} ${person.timezone ?? ''}`.trim();
      const what = m.kind === 'reminder' ? `reminder ${m.offset} before due` : m.kind;
      lines.push(
        `  ${when.padEnd(34)} ${what.padEnd(24)} ${m.task} (${m.occurrence})  -> ${person.name} <${m.to}>\n`,
      );
    }
    for (const size of [16, 1 << 20]) {
      const text = Buffer.concat([...tableRenderer(catalog, size)(sliced())]).toString('utf8');
      expect(text).toBe(lines.join(''));
    }
  });

  it('mark every entry of a tentative occurrence, in JSON and in the table', () => {
    const shipped = loadCatalog('catalogs/itu-council-1332.yaml');
    const messages = planCatalog(shipped, from, to);
    const tentative = messages.filter((m) => m.tentative);
    expect(tentative.length).toBeGreaterThan(0);
    expect(tentative.length).toBeLessThan(messages.length);
    const entries = JSON.parse(json([messages])) as { tentative?: boolean }[];
    expect(entries.filter((e) => e.tentative === true).length).toBe(tentative.length);
    const table = renderTable(shipped, messages).split('\n');
    expect(table.filter((line) => line.endsWith('[date to be confirmed]')).length).toBe(
      tentative.length,
    );
  });

  it('print one table, a day block never split between slices', () => {
    const text = Buffer.concat([...tableRenderer(catalog)(sliced())]).toString('utf8');
    expect(text).toBe(renderTable(catalog, whole));
    const days = text.split('\n').filter((line) => /^\S.*\(Europe\/Zurich\)$/.test(line));
    expect(new Set(days).size).toBe(days.length);
    expect(renderTable(catalog, [])).toBe('No messages in this window.\n');
  });
});
