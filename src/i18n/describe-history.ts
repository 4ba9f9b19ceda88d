/**
 * The one way a history entry reads for people: the task page and
 * `mandate show` both print these words.
 */
import type { HistoryEntry } from '../shared/task-state';

export function describeHistoryEntry(entry: HistoryEntry): string {
  switch (entry.type) {
    case 'message': {
      const m = entry.message;
      const outcome = m.delivered ? 'sent' : `failed (${m.error ?? 'rejected'})`;
      return `${m.kind}${m.offset ? ` ${m.offset}` : ''} to ${m.to}: ${outcome} ${m.messageId}`;
    }
    case 'submitted':
      return `${entry.deliverableId} handed in by ${entry.by}${entry.late ? ' (late)' : ''}`;
    case 'reviewed':
      return `${entry.deliverableId} ${entry.decision === 'accept' ? 'accepted' : 'returned'} by ${entry.by}${entry.comment ? `: ${entry.comment}` : ''}`;
    case 'extended':
      return `extended by ${entry.by} from ${entry.from} to ${entry.to}: ${entry.reason}`;
    case 'reassigned':
      return `reassigned by ${entry.by} to ${entry.assignees.join(', ')}${entry.manager ? ` (manager ${entry.manager})` : ''}${entry.reason ? `: ${entry.reason}` : ''}`;
    case 'revised':
      return `catalog change by ${entry.by}: ${entry.changes.join('; ')}`;
    case 'waived':
      return `waived by ${entry.by}: ${entry.reason}`;
    case 'held':
      return `put on hold by ${entry.by}: ${entry.reason}`;
    case 'resumed':
      return `resumed by ${entry.by} after ${entry.days} day${entry.days === 1 ? '' : 's'} on hold; due ${entry.from} -> ${entry.to}${entry.reason ? `: ${entry.reason}` : ''}`;
    case 'completed':
      return `completed (${entry.by})`;
    case 'bounced':
      return `${entry.permanent ? 'bounced' : 'delayed'} for ${entry.to}${entry.status ? ` (${entry.status})` : ''}: ${entry.diagnostic} ${entry.messageId}`;
    case 'started':
      return `started, due ${entry.dueDate}${entry.dueTime ? ` ${entry.dueTime}` : ''}`;
  }
}
