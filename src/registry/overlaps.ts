/**
 * Requests that may be one duty asked twice: the same body asked by two
 * resolutions, or two clauses, for deliverables to the same recipient with
 * due dates within a span of each other, or in words that are mostly the
 * same. Each pair is a merge candidate a secretariat reviews with both
 * clauses side by side; nothing is merged here.
 */
import { daysBetween } from '../time/duration';
import type { Catalog, Task } from '../shared/types';
import type { OwedOccurrence } from './owed';

export interface OverlapSide {
  resolution: string;
  taskId: string;
  clause: string;
  title: string;
  /** The clause's words as the catalog keeps them (notes), else the title. */
  text: string;
  /** Who the deliverable goes to, as read from the title and notes ("Council"), if it says. */
  recipient?: string;
}

export interface Overlap {
  body: string;
  a: OverlapSide;
  b: OverlapSide;
  /** Why they are candidates: "same recipient (Council), due within 30 days" and/or "73% of words shared". */
  reasons: string[];
  /** Share of content words in common (Jaccard), 0-1. */
  similarity: number;
}

export interface OverlapOptions {
  /** Due dates this many days apart or closer count as the same time (default 30). */
  spanDays: number;
  /** Texts sharing at least this share of their content words overlap whatever their dates (default 0.6). */
  similarity: number;
}

export const DEFAULT_OVERLAP_OPTIONS: OverlapOptions = { spanDays: 30, similarity: 0.6 };

const STOP_WORDS = new Set(
  'a an and are as at be by for from in into is it its of on or that the their this to with within which including through its itu'.split(
    ' ',
  ),
);

/** The content words of a text, lower case, without the small ones. */
export function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}+&-]+/u)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
  );
}

/** The share of words two texts have in common (Jaccard index). */
export function similarityOf(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / (x.size + y.size - common);
}

/** The recipient a duty's words name: "... to the Council", "submit to ECOSOC", "present to each CWG meeting". */
export function recipientOf(text: string): string | undefined {
  const m =
    /\b(?:to|before)\s+(?:the\s+)?(?:each\s+|every\s+|next\s+|its\s+)?(?:session\s+of\s+(?:the\s+)?)?((?:[A-Z][\w&+/-]*)(?:\s+(?:(?:of|on|and|for|the)\s+)*[A-Z][\w&+/-]*)*)/.exec(
      text,
    );
  return m?.[1];
}

function side(catalog: Catalog, task: Task): OverlapSide {
  const text = task.notes?.trim() || task.title;
  const recipient = recipientOf(`${task.title} ${task.notes ?? ''}`);
  return {
    resolution: catalog.resolution.id,
    taskId: task.id,
    clause: task.clause,
    title: task.title,
    text,
    ...(recipient !== undefined ? { recipient } : {}),
  };
}

/** Merge candidates among the tasks of the catalogs, the most alike first. */
export function findOverlaps(
  catalogs: readonly Catalog[],
  owed: readonly OwedOccurrence[],
  options: OverlapOptions = DEFAULT_OVERLAP_OPTIONS,
): Overlap[] {
  const tasks = catalogs.flatMap((c) =>
    c.tasks
      .filter((t) => t.completed === undefined && t.waived === undefined)
      .map((t) => ({ catalog: c, task: t, side: side(c, t) })),
  );
  const dues = new Map<string, string[]>();
  for (const o of owed) {
    const key = `${o.resolution}/${o.taskId}`;
    dues.set(key, [...(dues.get(key) ?? []), o.dueDate]);
  }
  const found: Overlap[] = [];
  for (let i = 0; i < tasks.length; i++) {
    for (let j = i + 1; j < tasks.length; j++) {
      const x = tasks[i]!;
      const y = tasks[j]!;
      if (x.task.responsible !== y.task.responsible) continue;
      // Two tasks of one clause are its parts, not a request asked twice.
      if (x.catalog === y.catalog && x.task.clause === y.task.clause) continue;
      const reasons: string[] = [];
      const similarity = similarityOf(
        `${x.task.title} ${x.task.notes ?? ''}`,
        `${y.task.title} ${y.task.notes ?? ''}`,
      );
      const recipient = x.side.recipient;
      if (recipient !== undefined && recipient === y.side.recipient) {
        const near = closest(
          dues.get(`${x.side.resolution}/${x.side.taskId}`) ?? [],
          dues.get(`${y.side.resolution}/${y.side.taskId}`) ?? [],
        );
        if (near !== undefined && near <= options.spanDays)
          reasons.push(`same recipient (${recipient}), due ${near} days apart`);
      }
      if (similarity >= options.similarity)
        reasons.push(`${Math.round(similarity * 100)}% of their words shared`);
      if (reasons.length > 0)
        found.push({ body: x.task.responsible, a: x.side, b: y.side, reasons, similarity });
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity);
}

/** The fewest days between a due date of one list and one of the other. */
function closest(a: readonly string[], b: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const x of a)
    for (const y of b) {
      const d = Math.abs(daysBetween(x, y));
      if (best === undefined || d < best) best = d;
    }
  return best;
}
