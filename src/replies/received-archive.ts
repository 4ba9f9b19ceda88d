/**
 * The replies the mailbox reader has read: each message as it came (`.eml`)
 * with a record of what became of it (`.json`): what it handed in, or why it
 * could not be used, and whether its sender was answered. Staff read it on the
 * task page and the overview; the reader reads it so that a message read
 * twice is answered at most once. On a cluster the folder is shared storage,
 * like the sent-mail archive.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveFileName } from '../mail/sent-archive';

/** Why a reply handed nothing in. */
export const UNUSABLE_REASONS = [
  /** Written by a machine (out of office, auto-reply, bounce): never answered. */
  'automatic',
  /** Sent to the hand-in address without a token. */
  'no-token',
  /** Answers no task mail we know (the reference to the original was lost). */
  'unknown-task',
  /** A token that no key signed for the task it answers. */
  'forged',
  'closed',
  'former-assignee',
  'other-sender',
  /** No file, link or text the task still needs. */
  'nothing-usable',
  'too-large',
  'wrong-type',
] as const;
export type UnusableReason = (typeof UNUSABLE_REASONS)[number];

/** Why one file of a reply was not taken. */
export type FileRefusal = 'too-large' | 'wrong-type' | 'empty' | 'name' | 'not-needed';

export interface ReceivedRecord {
  messageId: string;
  /** When the reader read it (epoch ms). */
  readAt: number;
  from?: string;
  subject: string;
  /** The task it answers and the person the token names, once known. */
  workflowId?: string;
  person?: string;
  outcome: 'taken' | 'unusable';
  reason?: UnusableReason;
  /** Says more about the reason (the header of an automatic reply, the other sender). */
  detail?: string;
  taken: { deliverableId: string; title: string; what: string }[];
  refused: { file: string; reason: FileRefusal; detail: string }[];
  /** Titles still missing after it. */
  stillMissing: string[];
  /** `sending` is written before the answer goes out: a read cut short there never answers twice. */
  answer: 'none' | 'sending' | 'sent' | 'not-answered';
}

const fileOf = (directory: string, messageId: string, extension: 'json' | 'eml') =>
  join(directory, archiveFileName(messageId).replace(/\.eml$/, `.${extension}`));

async function writeAtomically(file: string, content: Buffer | string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export class ReceivedArchive {
  constructor(readonly directory: string) {}

  async get(messageId: string): Promise<ReceivedRecord | undefined> {
    try {
      return JSON.parse(await readFile(fileOf(this.directory, messageId, 'json'), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Keeps the message as it came (once) and its record (replaced). */
  async save(record: ReceivedRecord, source?: Buffer): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    if (source) await writeAtomically(fileOf(this.directory, record.messageId, 'eml'), source);
    await writeAtomically(
      fileOf(this.directory, record.messageId, 'json'),
      JSON.stringify(record, null, 2),
    );
  }

  async message(messageId: string): Promise<Buffer | undefined> {
    try {
      return await readFile(fileOf(this.directory, messageId, 'eml'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Every record, newest first. */
  async list(): Promise<ReceivedRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records = await Promise.all(
      names
        .filter((n) => n.endsWith('.json'))
        .map(
          async (n) =>
            JSON.parse(await readFile(join(this.directory, n), 'utf8')) as ReceivedRecord,
        ),
    );
    return records.sort((a, b) => b.readAt - a.readAt);
  }

  async forTask(workflowId: string): Promise<ReceivedRecord[]> {
    return (await this.list()).filter((r) => r.workflowId === workflowId);
  }
}
