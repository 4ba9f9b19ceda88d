/**
 * Deliverable files, stored by content (SHA-256) so workflows only ever hold
 * a small reference. The filesystem store is the default; an S3-compatible
 * store implements the same interface.
 */
import { cleanFileName } from '../shared/text-rules';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliverablePayload } from '../shared/task-state';
import { DEFAULT_MEDIA_TYPES } from './media-types';
import { contentMismatch } from './sniff';

export type DocumentReference = Extract<DeliverablePayload, { kind: 'document' }>;

export interface DeliverableStore {
  /** Stores the bytes (idempotent for equal content) and returns the reference. */
  put(content: Buffer, name: string, mediaType: string): Promise<DocumentReference>;
  get(sha256: string): Promise<Buffer | undefined>;
  /** Whether the store holds bytes with this SHA-256 (a submit may only name those). */
  has(sha256: string): Promise<boolean>;
  /** The reference the bytes were first stored under (name and media type), if known. */
  reference(sha256: string): Promise<DocumentReference | undefined>;
}

/** A SHA-256 as the store names files: 64 lowercase hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export { DEFAULT_MEDIA_TYPES };

export class DeliverableRejectedError extends Error {
  override name = 'DeliverableRejectedError';
  constructor(
    message: string,
    readonly reason: 'too-large' | 'media-type' | 'empty' | 'name',
  ) {
    super(message);
  }
}

export interface StoreLimits {
  maxBytes: number;
  mediaTypes: readonly string[];
}

/**
 * Checks size, media type and name before anything is written (the content
 * itself is checked by `checkDocumentContent`).
 */
export function checkDocument(
  content: Buffer,
  name: string,
  mediaType: string,
  limits: StoreLimits,
): void {
  if (content.length === 0) throw new DeliverableRejectedError('the document is empty', 'empty');
  if (content.length > limits.maxBytes) {
    throw new DeliverableRejectedError(
      `the document is ${content.length} bytes; the limit is ${limits.maxBytes} bytes`,
      'too-large',
    );
  }
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (!limits.mediaTypes.includes(type)) {
    throw new DeliverableRejectedError(
      `${type || 'no media type'} is not accepted (accepted: ${limits.mediaTypes.join(', ')})`,
      'media-type',
    );
  }
  if (!name.trim() || name.length > 255 || /[\\/]/.test(name) || name.includes('\0')) {
    throw new DeliverableRejectedError(
      'the file name must be 1-255 characters without slashes',
      'name',
    );
  }
}

/** Refuses content that is not what its declared media type says (see ./sniff). */
export async function checkDocumentContent(content: Buffer, mediaType: string): Promise<void> {
  const problem = await contentMismatch(content, mediaType.split(';')[0]!.trim().toLowerCase());
  if (problem) throw new DeliverableRejectedError(problem, 'media-type');
}

/** Write then rename, so a crash never leaves a half file under the final name. */
function writeAtomically(path: string, content: Buffer | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export class FileSystemDeliverableStore implements DeliverableStore {
  constructor(
    private readonly directory: string,
    private readonly limits: StoreLimits = {
      maxBytes: DEFAULT_MAX_BYTES,
      mediaTypes: DEFAULT_MEDIA_TYPES,
    },
  ) {}

  private pathOf(sha256: string): string {
    return join(this.directory, sha256.slice(0, 2), sha256);
  }

  async put(content: Buffer, givenName: string, mediaType: string): Promise<DocumentReference> {
    // A file's name is kept readable: no line break, control or direction override survives.
    const name = cleanFileName(givenName);
    checkDocument(content, name, mediaType, this.limits);
    await checkDocumentContent(content, mediaType);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const reference: DocumentReference = {
      kind: 'document',
      sha256,
      name,
      size: content.length,
      mediaType: mediaType.split(';')[0]!.trim().toLowerCase(),
    };
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(this.directory, sha256.slice(0, 2)), { recursive: true });
      // The reference first: whoever sees the bytes can also name and type them.
      writeAtomically(`${path}.json`, JSON.stringify(reference));
      writeAtomically(path, content);
    }
    return reference;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!SHA256_PATTERN.test(sha256)) return undefined;
    const path = this.pathOf(sha256);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_PATTERN.test(sha256) && existsSync(this.pathOf(sha256));
  }

  async reference(sha256: string): Promise<DocumentReference | undefined> {
    if (!(await this.has(sha256))) return undefined;
    const sidecar = `${this.pathOf(sha256)}.json`;
    // Files stored before references were kept have bytes only.
    if (!existsSync(sidecar)) return undefined;
    return JSON.parse(readFileSync(sidecar, 'utf8')) as DocumentReference;
  }
}
