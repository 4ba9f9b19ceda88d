/**
 * One message of the mailbox taken as a reply to a task mail: the task it
 * answers (our Message-IDs in `In-Reply-To`/`References`), the person the
 * signed reply address names, then each file checked as an upload is and
 * handed in through the validated `submit` update as "by mail". The update
 * ids come from the reply's Message-ID, so a message read twice records
 * nothing twice; the record in the received archive says whether its sender
 * was answered, so it is answered at most once, and never when a machine wrote it.
 */
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import {
  taskActions,
  TaskActionRejectedError,
  TaskNotFoundError,
  TaskRequestInvalidError,
} from '../client/task-actions';
import { DeliverableRejectedError, type DeliverableStore } from '../deliverables/store';
import { mediaTypeForFileName } from '../deliverables/media-types';
import { replyTokenOf, verifyReplyToken, type ReplyToken } from '../links/reply-address';
import { handInLinkFor } from '../links/hand-in-url';
import type { LinkSecret } from '../links/signed-link';
import { workflowIdsOf } from '../shared/message-id';
import { MAX_TEXT_CHARS, type DeliverablePayload } from '../shared/task-state';
import type { TaskView } from '../shared/task-view';
import type { Locale } from '../shared/types';
import { composeAnswer } from './compose-answer';
import { matchFiles } from './match-files';
import { parseReply, type ReceivedReply } from './parse-reply';
import type {
  FileRefusal,
  ReceivedArchive,
  ReceivedRecord,
  UnusableReason,
} from './received-archive';

export interface ReplyDependencies {
  client: Client;
  linkSecret: LinkSecret;
  /** The base address replies go to (`hand-in@…`). */
  replyAddress: string;
  store: DeliverableStore;
  archive: ReceivedArchive;
  transport: Transporter;
  compose: { from: string; publicUrl: string };
  now?: () => number;
}

/** What became of a message: handed in, kept as unusable, or not a reply to us at all. */
export type ReplyDisposition = 'recorded' | 'unusable' | 'ignored';

export interface ReplyHandled {
  disposition: ReplyDisposition;
  record?: ReceivedRecord;
  /** Whether this read answered its sender. */
  answered: boolean;
}

/** Who the history names for the reader's own changes; hand-ins by reply name the assignee. */
export const REPLY_READER = 'reply mailbox';

interface Found {
  workflowId: string;
  person: string;
  view: TaskView;
}

/** Every person the task has mailed or assigned: a token may name any of them. */
function peopleOf(view: TaskView): string[] {
  const keys = new Set(view.assignees.map((a) => a.key));
  for (const entry of view.history) {
    if (entry.type === 'message') keys.add(entry.message.recipient);
    if (entry.type === 'reassigned') entry.assignees.forEach((k) => keys.add(k));
  }
  return [...keys];
}

async function viewOf(client: Client, workflowId: string): Promise<TaskView | undefined> {
  try {
    return await taskActions.status(client, workflowId);
  } catch (error) {
    if (error instanceof TaskNotFoundError) return undefined;
    throw error;
  }
}

/** The task and person the reply's token was issued for, or why there is none. */
async function resolve(
  reply: ReceivedReply,
  tokens: ReplyToken[],
  deps: ReplyDependencies,
): Promise<
  Found | { reason: 'no-token' | 'unknown-task' | 'forged'; workflowId?: string; view?: TaskView }
> {
  if (tokens.length === 0) return { reason: 'no-token' };
  const candidates = [...new Set(reply.answers.flatMap(workflowIdsOf))];
  let known: TaskView | undefined;
  for (const workflowId of candidates) {
    const view = await viewOf(deps.client, workflowId);
    if (!view) continue;
    known ??= view;
    for (const person of peopleOf(view))
      if (tokens.some((t) => verifyReplyToken(deps.linkSecret, t, workflowId, person)))
        return { workflowId, person, view };
  }
  return known
    ? { reason: 'forged', workflowId: known.workflowId, view: known }
    : { reason: 'unknown-task' };
}

const isOpen = (d: TaskView['deliverables'][number], messageId: string) =>
  d.status === 'missing' ||
  d.status === 'returned' ||
  // Handed in by this very reply on an earlier read: matched again the same way.
  (d.status === 'submitted' && d.submittedByMail?.messageId === messageId);

const refusalOf = (error: DeliverableRejectedError): FileRefusal =>
  error.reason === 'media-type' ? 'wrong-type' : error.reason;

/** The payloads the reply hands in, deliverable by deliverable, and the files not taken. */
async function payloadsOf(
  reply: ReceivedReply,
  view: TaskView,
  store: DeliverableStore,
): Promise<{
  payloads: { deliverableId: string; title: string; payload: DeliverablePayload; what: string }[];
  refused: ReceivedRecord['refused'];
}> {
  const open = view.deliverables.filter((d) => isOpen(d, reply.messageId));
  const refused: ReceivedRecord['refused'] = [];
  const stored: { name: string; payload: DeliverablePayload & { kind: 'document' } }[] = [];
  for (const file of reply.attachments) {
    // Clients often say application/octet-stream: the name's type, checked against the bytes.
    const declared = mediaTypeForFileName(file.name) ?? file.contentType;
    try {
      stored.push({ name: file.name, payload: await store.put(file.content, file.name, declared) });
    } catch (error) {
      if (!(error instanceof DeliverableRejectedError)) throw error;
      refused.push({ file: file.name, reason: refusalOf(error), detail: error.message });
    }
  }
  const documents = open.filter((d) => d.kind === 'document');
  const { pairs, left } = matchFiles(stored, documents);
  for (const file of left)
    refused.push({
      file: file.name,
      reason: 'not-needed',
      detail: documents.length ? 'every document asked for has a file' : 'no document is asked for',
    });
  const payloads: {
    deliverableId: string;
    title: string;
    payload: DeliverablePayload;
    what: string;
  }[] = pairs.map(({ file, deliverable }) => ({
    deliverableId: deliverable.id,
    title: deliverable.title,
    payload: file.payload,
    what: file.name,
  }));
  const only = open.length === 1 ? open[0]! : undefined;
  if (payloads.length === 0 && only && only.kind !== 'document' && reply.text) {
    const url = /https?:\/\/[^\s<>"]+/.exec(reply.text)?.[0]?.replace(/[).,;:!?]+$/, '');
    if (only.kind === 'link' && url)
      payloads.push({
        deliverableId: only.id,
        title: only.title,
        payload: { kind: 'link', url },
        what: url,
      });
    if (only.kind === 'text' && reply.text.length <= MAX_TEXT_CHARS)
      payloads.push({
        deliverableId: only.id,
        title: only.title,
        payload: { kind: 'text', text: reply.text },
        what: reply.text.length > 80 ? `${reply.text.slice(0, 77)}…` : reply.text,
      });
  }
  return { payloads, refused };
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Decides and records what the reply does; the answer is sent by the caller. */
async function decide(
  reply: ReceivedReply,
  tokens: ReplyToken[],
  deps: ReplyDependencies,
): Promise<{ record: ReceivedRecord; found?: Found; seen?: TaskView }> {
  const base = {
    messageId: reply.messageId,
    readAt: (deps.now ?? Date.now)(),
    ...(reply.from ? { from: reply.from.address } : {}),
    subject: reply.subject,
    taken: [],
    refused: [],
    stillMissing: [],
    answer: 'none' as const,
  };
  const unusable = (
    reason: UnusableReason,
    extra: Partial<ReceivedRecord> = {},
  ): ReceivedRecord => ({ ...base, outcome: 'unusable', reason, ...extra });
  const resolved = await resolve(reply, tokens, deps);
  if ('reason' in resolved) {
    const record = unusable(reply.automatic ? 'automatic' : resolved.reason, {
      ...(resolved.workflowId ? { workflowId: resolved.workflowId } : {}),
      ...(reply.automatic ? { detail: reply.automatic } : {}),
    });
    return { record, ...(resolved.view ? { seen: resolved.view } : {}) };
  }
  const found = resolved;
  const { view, person, workflowId } = found;
  const on = { workflowId, person };
  if (reply.automatic)
    return { record: unusable('automatic', { ...on, detail: reply.automatic }), found };
  if (view.closed) return { record: unusable('closed', on), found };
  const assignee = view.assignees.find((a) => a.key === person);
  if (!assignee) return { record: unusable('former-assignee', on), found };
  if (!reply.from || !sameAddress(reply.from.address, assignee.email))
    return {
      record: unusable('other-sender', { ...on, detail: reply.from?.address ?? 'no sender' }),
      found,
    };
  const { payloads, refused } = await payloadsOf(reply, view, deps.store);
  const taken: ReceivedRecord['taken'] = [];
  let latest = view;
  for (const p of payloads) {
    try {
      latest = await taskActions.submit(
        deps.client,
        workflowId,
        {
          by: person,
          deliverableId: p.deliverableId,
          payload: p.payload,
          mail: { messageId: reply.messageId },
        },
        { updateId: `reply:${reply.messageId}:${p.deliverableId}` },
      );
      taken.push({ deliverableId: p.deliverableId, title: p.title, what: p.what });
    } catch (error) {
      if (!(error instanceof TaskActionRejectedError || error instanceof TaskRequestInvalidError))
        throw error;
      refused.push({ file: p.what, reason: 'not-needed', detail: error.message });
    }
  }
  const stillMissing = latest.deliverables
    .filter((d) => d.status === 'missing' || d.status === 'returned')
    .map((d) => d.title);
  if (taken.length === 0) {
    const first = refused.find((r) => r.reason === 'too-large' || r.reason === 'wrong-type');
    return {
      record: unusable(first ? (first.reason as 'too-large' | 'wrong-type') : 'nothing-usable', {
        ...on,
        refused,
        stillMissing,
      }),
      found: { ...found, view: latest },
    };
  }
  return {
    record: { ...base, ...on, outcome: 'taken', taken, refused, stillMissing },
    found: { ...found, view: latest },
  };
}

/** Answers the sender once: `sending` is kept before the mail goes, `sent` after. */
async function answerOnce(
  reply: ReceivedReply,
  record: ReceivedRecord,
  found: Found | undefined,
  seen: TaskView | undefined,
  deps: ReplyDependencies,
): Promise<boolean> {
  if (record.answer !== 'none') return false;
  if (record.reason === 'automatic' || !reply.from) {
    await deps.archive.save({ ...record, answer: 'not-answered' });
    return false;
  }
  const person = found?.view.assignees.find((a) => a.key === found.person);
  // The language of the person the token names, else of the task's assignee who wrote.
  const sender = reply.from.address;
  const writer = [...(found?.view.assignees ?? []), ...(seen?.assignees ?? [])].find((a) =>
    sameAddress(a.email, sender),
  );
  const locale: Locale = person?.locale ?? writer?.locale ?? 'en';
  // The link only to the person it is for, from their own address.
  const mayLink =
    found &&
    person &&
    sameAddress(reply.from.address, person.email) &&
    !found.view.closed &&
    (record.outcome === 'taken' ||
      !['other-sender', 'former-assignee', 'closed'].includes(record.reason ?? ''));
  const link = mayLink
    ? handInLinkFor(
        deps.linkSecret,
        deps.compose.publicUrl,
        { workflowId: found.workflowId, person: found.person, dueAt: found.view.dueAt },
        locale,
      )
    : undefined;
  const mail = composeAnswer({ ...reply, from: reply.from }, record, {
    from: deps.compose.from,
    locale,
    title: (found?.view ?? seen)?.task.title ?? reply.subject,
    ...(link ? { link } : {}),
  });
  await deps.archive.save({ ...record, answer: 'sending' });
  try {
    await deps.transport.sendMail(mail);
  } catch (error) {
    // Not sent: asked again at the next read.
    await deps.archive.save({ ...record, answer: 'none' });
    throw error;
  }
  await deps.archive.save({ ...record, answer: 'sent' });
  return true;
}

/**
 * Reads one message. Rejects when Temporal, the store or SMTP cannot be
 * reached (the message stays unflagged and is read again).
 */
export async function handleReply(source: Buffer, deps: ReplyDependencies): Promise<ReplyHandled> {
  const reply = await parseReply(source);
  const tokens = reply.recipients
    .map((a) => replyTokenOf(deps.replyAddress, a))
    .filter((t): t is ReplyToken => t !== undefined);
  const toBase = reply.recipients.some((a) => sameAddress(a, deps.replyAddress));
  if (tokens.length === 0 && !toBase) return { disposition: 'ignored', answered: false };
  const kept = await deps.archive.get(reply.messageId);
  let record: ReceivedRecord;
  let found: Found | undefined;
  let seen: TaskView | undefined;
  if (kept) {
    record = kept;
    seen = kept.workflowId ? await viewOf(deps.client, kept.workflowId) : undefined;
    if (seen && kept.person)
      found = { workflowId: kept.workflowId!, person: kept.person, view: seen };
  } else {
    ({ record, found, seen } = await decide(reply, tokens, deps));
    await deps.archive.save(record, source);
  }
  const answered = await answerOnce(reply, record, found, seen, deps);
  return {
    disposition: record.outcome === 'taken' ? 'recorded' : 'unusable',
    record,
    answered,
  };
}
