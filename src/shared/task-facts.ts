/**
 * Facts about a task that cross layers: recorded in its state, published in
 * its view, worded by readers. The domain core (src/occurrence/) makes them.
 */
import type { Recipient } from './types';

/** A due date as the catalog states it: a date, and a wall time when it has one. */
export interface StatedDue {
  date: string;
  time?: string;
}

/** One aspect of a schedule that changed. People are named by their keys. */
export type ScheduleChange =
  | { field: 'due'; from: StatedDue; to: StatedDue }
  | { field: 'tentative'; to: boolean }
  | { field: 'recurrence' }
  | { field: 'policy' }
  | { field: 'assignees'; from: string[]; to: string[] }
  | { field: 'manager'; from?: string; to?: string }
  | { field: 'info' }
  /** A recorded phrase that no longer parses as a fact: shown as it was written. */
  | { field: 'note'; text: string };

/** The people on a task, in the catalog's shape. */
export interface CatalogPeople {
  assignees: Recipient[];
  manager?: Recipient;
}

export type PeopleField = 'assignees' | 'manager';
