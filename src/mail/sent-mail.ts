/**
 * The mail of a task as its published view records it: every `message`
 * history entry, with the bounces read later for it (joined by Message-ID).
 * A mail is looked up only among the task's own messages, by its URL key,
 * so a request can never name a file or another task's mail.
 */
import type { HistoryEntry, SentMessage } from '../shared/task-state';
import type { TaskView } from '../shared/task-view';
import { messageIdKey } from './sent-archive';

export type BounceEntry = Extract<HistoryEntry, { type: 'bounced' }>;

export interface SentMail {
  message: SentMessage;
  /** The Message-ID's URL-safe form, for links. */
  key: string;
  /** Delivery status notifications read for it, in the order they were read. */
  bounces: BounceEntry[];
}

/** Every mail the task sent, in the order it was sent. */
export function sentMailOf(view: Pick<TaskView, 'history'>): SentMail[] {
  const bounces = new Map<string, BounceEntry[]>();
  for (const entry of view.history)
    if (entry.type === 'bounced')
      bounces.set(entry.messageId, [...(bounces.get(entry.messageId) ?? []), entry]);
  return view.history.flatMap((entry) =>
    entry.type === 'message'
      ? [
          {
            message: entry.message,
            key: messageIdKey(entry.message.messageId),
            bounces: bounces.get(entry.message.messageId) ?? [],
          },
        ]
      : [],
  );
}

/** The task's mail with this URL key; undefined when the task sent no such mail. */
export function sentMailByKey(view: Pick<TaskView, 'history'>, key: string): SentMail | undefined {
  // The last entry wins: a Message-ID is sent once, but history is the judge.
  return sentMailOf(view)
    .reverse()
    .find((m) => m.key === key);
}

/** What became of a mail: sent, or refused with the SMTP server's answer. */
export function deliveryText(message: SentMessage): string {
  return message.delivered ? 'sent' : `refused: ${message.error ?? 'rejected'}`;
}

/** A bounce as staff read it: "bounced (5.1.1): diagnostic" or "delayed (4.4.1): diagnostic". */
export function bounceText(bounce: BounceEntry): string {
  return `${bounce.permanent ? 'bounced' : 'delayed'}${bounce.status ? ` (${bounce.status})` : ''}: ${bounce.diagnostic}`;
}
