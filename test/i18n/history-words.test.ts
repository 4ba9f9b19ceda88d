/**
 * History is recorded as facts and worded when read: a catalog change
 * recorded before facts were kept (English phrases in a state carried by
 * continue-as-new) reads in the reader's language like a new one.
 */
import { describe, expect, it } from 'vitest';
import { describeHistoryEntry } from '../../src/i18n/describe-history';
import { historyView } from '../../src/occurrence/projection';
import { recordedPhrase, scheduleChanges } from '../../src/occurrence/schedule-changes';
import type { HistoryEntry } from '../../src/shared/task-state';
import { LOCALES } from '../../src/shared/types';

/** A revision as the workflow recorded it before this change: its words, in English. */
const recordedBefore: HistoryEntry = {
  type: 'revised',
  at: Date.UTC(2026, 10, 2, 9),
  by: 'mandate start --apply',
  changes: [
    'due 2027-01-10 -> 2027-01-15 12:00',
    'assignees fr -> ru',
    'manager - -> boss',
    'task description',
  ],
};

describe('history words', () => {
  it('a catalog change recorded before facts were kept reads in French', () => {
    expect(describeHistoryEntry(recordedBefore, 'fr')).toBe(
      'modification du catalogue par mandate start --apply : échéance 2027-01-10 -> 2027-01-15 12:00 ; personnes chargées fr -> ru ; responsable - -> boss ; description de la tâche',
    );
    // …and is published as the same facts a new revision records.
    expect(historyView(recordedBefore)).toEqual({
      ...recordedBefore,
      changes: [
        { field: 'due', from: { date: '2027-01-10' }, to: { date: '2027-01-15', time: '12:00' } },
        { field: 'assignees', from: ['fr'], to: ['ru'] },
        { field: 'manager', to: 'boss' },
        { field: 'info' },
      ],
    });
  });

  it('every phrase the old wording could record reads back as the fact it stated', () => {
    const person = (key: string) => ({
      key,
      name: key,
      email: `${key}@example.org`,
      timezone: 'UTC',
      locale: 'en' as const,
    });
    const info = { title: 'A' } as never;
    const before = {
      dueDate: '2027-01-10',
      policy: { reminders: ['P7D'] } as never,
      assignees: [person('fr'), person('es')],
      manager: person('boss'),
      info,
    };
    const after = {
      dueDate: '2027-02-01',
      dueTime: '09:30',
      tentative: true,
      recurrence: { every: 'P1M' } as never,
      policy: { reminders: ['P14D'] } as never,
      assignees: [person('ru')],
      info: { title: 'B' } as never,
    };
    for (const fact of scheduleChanges(before, after)) {
      const words = describeHistoryEntry(
        { type: 'revised', at: 0, by: 'x', changes: [fact] },
        'en',
      );
      const phrase = words.replace(/^catalog change by x: /, '');
      expect(recordedPhrase(phrase)).toEqual(fact);
    }
  });

  it('reads in all six languages, and a phrase it cannot parse stays as written', () => {
    const odd: HistoryEntry = { ...recordedBefore, changes: ['something else'] } as HistoryEntry;
    for (const locale of LOCALES) {
      const words = describeHistoryEntry(recordedBefore, locale);
      expect(words).toContain('2027-01-15 12:00');
      if (locale !== 'en') {
        expect(words).not.toContain('assignees');
        expect(words).not.toContain('catalog change');
      }
      expect(describeHistoryEntry(odd, locale)).toContain('something else');
    }
  });

  it('a task the catalog recorded as done reads with its date, recorded either way', () => {
    const old: HistoryEntry = { type: 'completed', at: 0, by: 'catalog (completed 2026-03-01)' };
    const now: HistoryEntry = { type: 'completed', at: 0, by: 'catalog', on: '2026-03-01' };
    expect(describeHistoryEntry(old, 'es')).toBe(describeHistoryEntry(now, 'es'));
    expect(describeHistoryEntry(now, 'es')).toContain('2026-03-01');
  });
});

describe('a hand-in staff recorded for someone', () => {
  const entry: HistoryEntry = {
    type: 'submitted',
    at: Date.UTC(2026, 11, 3, 10),
    by: 'amina',
    deliverableId: 'letter',
    payload: { kind: 'text', text: 'x' },
    late: false,
    for: { person: 'focal-ar', via: 'post', note: 'letter of 2 December' },
  };

  it('names whom it was for and how it came, in each of the six languages', () => {
    const read = LOCALES.map((l) => describeHistoryEntry(entry, l));
    expect(describeHistoryEntry(entry, 'en')).toBe(
      'letter handed in by amina (for focal-ar, received by post): letter of 2 December',
    );
    expect(describeHistoryEntry(entry, 'fr')).toBe(
      'letter remis par amina (pour focal-ar, reçu par la poste) : letter of 2 December',
    );
    expect(describeHistoryEntry(entry, 'zh')).toBe(
      'letter 由 amina 提交（代 focal-ar 提交，邮寄收到）：letter of 2 December',
    );
    for (const text of read) {
      expect(text).toContain('focal-ar');
      expect(text).toContain('letter of 2 December');
    }
    expect(new Set(read).size).toBe(LOCALES.length);
  });

  it('reads as before when nobody handed it in for someone', () => {
    const own = { ...entry, for: undefined } as HistoryEntry;
    expect(describeHistoryEntry(own, 'en')).toBe('letter handed in by amina');
  });
});
