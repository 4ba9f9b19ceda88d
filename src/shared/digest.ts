/**
 * The weekly digest's shared surface: who gets one, what it says, and the
 * ids of its schedules and workflows. Plain data: it crosses the
 * workflow/activity boundary as JSON.
 */
import type { TaskStatus } from './task-state';
import type { DueView } from './task-view';
import type { Recipient } from './types';

/** A manager gets the tasks they manage; the secretariat gets every task of the resolution. */
export type DigestRole = 'manager' | 'secretariat';

export interface DigestInput {
  resolutionId: string;
  resolutionTitle: string;
  recipient: Recipient;
  role: DigestRole;
  /**
   * The instant the digest is for. Omitted (a schedule's start): the
   * schedule's planned time, else the workflow's clock.
   */
  at?: number;
}

/** One task as a digest lists it, taken from the task's published view. */
export interface DigestItem {
  workflowId: string;
  title: string;
  clause: string;
  responsible: string;
  status: TaskStatus;
  dueAt: number;
  due: DueView;
  /** The resolution's zone, where the due date is read. */
  zone: string;
  tentative: boolean;
  /** Deliverables handed in and waiting for review. */
  handedIn: string[];
}

export interface DigestContent {
  overdue: DigestItem[];
  /** Open or returned, due within the next 14 days. */
  dueSoon: DigestItem[];
  /** Everything required handed in, waiting for review. */
  awaitingReview: DigestItem[];
}

export type DigestOutcome =
  | {
      sent: true;
      messageId: string;
      day: string;
      counts: { overdue: number; dueSoon: number; awaitingReview: number };
    }
  | {
      sent: false;
      day: string;
      reason: 'not the digest day' | 'nothing to say';
      digestDay?: string;
    }
  | { sent: false; day: string; reason: 'rejected'; error: string };

/** What the digest mail activity is asked to send. */
export interface DigestMailRequest {
  input: DigestInput & { at: number };
  content: DigestContent;
  /** The first date of the recipient's week, in their zone. */
  weekOf: string;
  messageId: string;
}

export function isEmptyDigest(content: DigestContent): boolean {
  return (
    content.overdue.length === 0 &&
    content.dueSoon.length === 0 &&
    content.awaitingReview.length === 0
  );
}

/** One schedule per resolution and recipient: `digest/<resolution>/manager/<person>` or `.../secretariat`. */
export function digestScheduleId(
  resolutionId: string,
  role: DigestRole,
  personKey: string,
): string {
  return role === 'secretariat'
    ? `${digestSchedulePrefix(resolutionId)}secretariat`
    : `${digestSchedulePrefix(resolutionId)}manager/${personKey}`;
}

export function digestSchedulePrefix(resolutionId: string): string {
  return `digest/${resolutionId}/`;
}

/** The recipient key the secretariat's digest is addressed as. */
export const SECRETARIAT_KEY = 'secretariat';

/** The wall time the digest schedules fire at, in each recipient's zone. */
export const DIGEST_HOUR = 8;

/** How far ahead "due soon" reaches. */
export const DUE_SOON_DAYS = 14;
