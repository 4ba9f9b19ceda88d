/**
 * The archive of sent mail: each message exactly as it went to SMTP, one
 * `.eml` file per Message-ID. The mail activity writes a message here before
 * it sends those same bytes, so what staff read is what the recipient got.
 * On a cluster the folder is shared storage, like the deliverable store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The Message-ID in a form safe in a URL path segment and a file name (base64url). */
export function messageIdKey(messageId: string): string {
  return Buffer.from(messageId, 'utf8').toString('base64url');
}

/**
 * The archive's file name of a Message-ID: its key, or for a key too long for
 * a file name its SHA-256, so every Message-ID has one and only one file.
 */
export function archiveFileName(messageId: string): string {
  const key = messageIdKey(messageId);
  return key.length <= 200
    ? `${key}.eml`
    : `sha256-${createHash('sha256').update(messageId, 'utf8').digest('hex')}.eml`;
}

export class SentArchive {
  constructor(readonly directory: string) {}

  /**
   * Keeps `raw` as the message with this Message-ID: written to a temporary
   * file and renamed, so a reader sees the whole old or the whole new message.
   * A retried send overwrites the file with the message it sends.
   */
  async write(messageId: string, raw: Buffer): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const file = join(this.directory, archiveFileName(messageId));
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, raw);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** The message as sent, or undefined when the archive does not hold it. */
  async read(messageId: string): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.directory, archiveFileName(messageId)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(messageId: string): Promise<boolean> {
    try {
      return (await stat(join(this.directory, archiveFileName(messageId)))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}
