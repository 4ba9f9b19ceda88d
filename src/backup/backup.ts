/**
 * Backups of the embedded default (`npm start`): the dev server's SQLite
 * database copied with SQLite's online backup (consistent while the server
 * runs), the deliverable store (content-addressed, so each file is checked
 * against its name), the sent-mail archive (each message as it went out),
 * the link keys, the hashed staff tokens and the catalogs the engine
 * recorded, with a manifest of what, when, versions, counts, and every
 * file's size and SHA-256. A restore goes into an empty data folder only,
 * through a temporary folder renamed at the end, after every file matched
 * the manifest and the counts were found again; a failed restore leaves
 * nothing half-written.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export const MANIFEST = 'manifest.json';
const DATABASE = 'temporal.db';
/** Small files and folders of the data folder that a backup carries as they are. */
const KEPT = ['link-secret', 'api-tokens', 'catalogs', 'sent-mail'];

/** A file of the backup, relative to it, with what it must hold. */
export interface BackupFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  kind: 'mandate-tracker backup';
  /** 2: files with sizes and checksums, and the sent-mail archive. 1: file names only. */
  format: 1 | 2;
  createdAt: string;
  source: string;
  versions: { mandateTracker: string; sqlite: string; temporalCli?: string };
  counts: {
    databaseBytes: number;
    deliverables: number;
    deliverableBytes: number;
    catalogs: number;
    /** Messages in the sent-mail archive (format 2). */
    sentMails?: number;
    /** Workflow executions the database holds, and those still running, per namespace. */
    workflows: Record<string, number>;
    openWorkflows: Record<string, number>;
  };
  files: BackupFile[] | string[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) out.push(path);
  }
  return out.sort();
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const CONTENT_FILE = /^[0-9a-f]{64}$/;

/** A deliverable file is named by the SHA-256 of its bytes (beside it, its metadata): check that it is. */
function checkDeliverable(path: string): void {
  if (CONTENT_FILE.test(basename(path)) && sha256(path) !== basename(path))
    throw new BackupError(`${path}: its content does not match its name (SHA-256); not copied`);
}

/** Executions and running ones per namespace, from Temporal's SQL schema. */
function workflowCounts(database: string): {
  workflows: Record<string, number>;
  openWorkflows: Record<string, number>;
} {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  const by = (where: string) =>
    Object.fromEntries(
      (
        db
          .prepare(
            `SELECT n.name AS name, count(*) AS n FROM current_executions c JOIN namespaces n ON n.id = c.namespace_id ${where} GROUP BY n.name ORDER BY n.name`,
          )
          .all() as { name: string; n: number }[]
      ).map((r) => [r.name, r.n]),
    );
  try {
    // State 1 is created, 2 running.
    return { workflows: by(''), openWorkflows: by('WHERE c.state IN (1, 2)') };
  } catch {
    return { workflows: {}, openWorkflows: {} };
  } finally {
    db.close();
  }
}

/** Recorded catalogs (not those of a start under way) and archived messages in a data folder. */
function stateCounts(dir: string): { catalogs: number; sentMails: number } {
  const named = (sub: string, suffix: string) =>
    existsSync(join(dir, sub))
      ? readdirSync(join(dir, sub)).filter((f) => f.endsWith(suffix)).length
      : 0;
  return {
    catalogs: named('catalogs', '.yaml'),
    sentMails: filesUnder(join(dir, 'sent-mail')).filter((f) => f.endsWith('.eml')).length,
  };
}

function isEmptyFolder(path: string): boolean {
  return !existsSync(path) || readdirSync(path).length === 0;
}

/** Copies the data folder's state into `target` (missing or empty); returns the manifest. */
export async function backupDataFolder(
  dataDir: string,
  target: string,
  versions: { mandateTracker: string; temporalCli?: string },
  progress: (line: string) => void = () => undefined,
): Promise<BackupManifest> {
  const database = join(dataDir, DATABASE);
  if (!existsSync(database))
    throw new BackupError(`${database}: no dev server database here; is ${dataDir} a data folder?`);
  if (!isEmptyFolder(target))
    throw new BackupError(`${target} is not empty; back up into a new or empty folder`);
  mkdirSync(target, { recursive: true });

  progress(`database: online backup of ${database}`);
  const db = new Database(database, { fileMustExist: true });
  let sqlite: string;
  try {
    sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    await db.backup(join(target, DATABASE), {
      progress: ({ totalPages, remainingPages }) => {
        progress(`database: ${totalPages - remainingPages}/${totalPages} pages`);
        return 1000;
      },
    });
  } finally {
    db.close();
  }

  const stored = filesUnder(join(dataDir, 'deliverables'));
  const deliverables = stored.filter((f) => CONTENT_FILE.test(basename(f)));
  progress(`deliverables: ${deliverables.length} documents`);
  let deliverableBytes = 0;
  for (const file of stored) {
    checkDeliverable(file);
    const to = join(target, relative(dataDir, file));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(file, to);
    if (CONTENT_FILE.test(basename(file))) deliverableBytes += statSync(to).size;
  }

  for (const name of KEPT) {
    const from = join(dataDir, name);
    if (!existsSync(from)) continue;
    const files = statSync(from).isDirectory() ? filesUnder(from) : [from];
    for (const file of files) {
      const to = join(target, relative(dataDir, file));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(file, to);
    }
    progress(`${name}: ${files.length} file(s) copied`);
  }

  const manifest: BackupManifest = {
    kind: 'mandate-tracker backup',
    format: 2,
    createdAt: new Date().toISOString(),
    source: dataDir,
    versions: { ...versions, sqlite },
    counts: {
      databaseBytes: statSync(join(target, DATABASE)).size,
      deliverables: deliverables.length,
      deliverableBytes,
      ...stateCounts(target),
      ...workflowCounts(join(target, DATABASE)),
    },
    files: filesUnder(target).map((f) => ({
      path: relative(target, f),
      bytes: statSync(f).size,
      sha256: sha256(f),
    })),
  };
  writeFileSync(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  progress(`manifest: ${join(target, MANIFEST)}`);
  return manifest;
}

/** What a restore found: the manifest, and the counts in the restored folder. */
export interface RestoreReport {
  manifest: BackupManifest;
  counts: {
    workflows: Record<string, number>;
    openWorkflows: Record<string, number>;
    deliverables: number;
    catalogs: number;
    sentMails: number;
    files: number;
  };
  /** Every file was checked against the size and SHA-256 the manifest names (format 2). */
  checksums: boolean;
}

/**
 * Restores a backup into `dataDir`, which must be missing or empty: every
 * file is checked against the manifest, then the counts of the staged copy
 * (workflows, documents, mails, catalogs) against the manifest's, before the
 * copy takes the data folder's place.
 */
export function restoreDataFolder(
  backup: string,
  dataDir: string,
  progress: (line: string) => void = () => undefined,
): RestoreReport {
  const manifestFile = join(backup, MANIFEST);
  if (!existsSync(manifestFile))
    throw new BackupError(`${backup}: no ${MANIFEST}; not a backup made by mandate backup`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (
    manifest.kind !== 'mandate-tracker backup' ||
    (manifest.format !== 1 && manifest.format !== 2)
  )
    throw new BackupError(`${manifestFile}: not a mandate-tracker backup of format 1 or 2`);
  if (!isEmptyFolder(dataDir)) {
    const held = readdirSync(dataDir).slice(0, 5).join(', ');
    throw new BackupError(
      `the data folder ${dataDir} is not empty (it holds ${held}); restore only into an empty or new folder, so nothing in use is overwritten`,
    );
  }
  const files: (BackupFile | { path: string })[] = manifest.files.map((f) =>
    typeof f === 'string' ? { path: f } : f,
  );
  const missing = files.filter((f) => !existsSync(join(backup, f.path))).map((f) => f.path);
  if (missing.length)
    throw new BackupError(`${backup}: files of the manifest are missing: ${missing.join(', ')}`);

  const staging = `${dataDir}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const from = join(backup, file.path);
      if (file.path.startsWith('deliverables/')) checkDeliverable(from);
      if ('sha256' in file) {
        const bytes = statSync(from).size;
        if (bytes !== file.bytes || sha256(from) !== file.sha256)
          throw new BackupError(
            `${from}: ${bytes} bytes with SHA-256 ${sha256(from)}, but the manifest says ${file.bytes} bytes with ${file.sha256}; the backup is damaged, nothing was restored`,
          );
      }
      const to = join(staging, file.path);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
    progress(
      `copied ${files.length} files${manifest.format === 2 ? ', each matching its size and SHA-256' : ''}`,
    );
    const found = {
      ...workflowCounts(join(staging, DATABASE)),
      deliverables: filesUnder(join(staging, 'deliverables')).filter((f) =>
        CONTENT_FILE.test(basename(f)),
      ).length,
      ...stateCounts(staging),
      files: files.length,
    };
    const expected = manifest.counts;
    const differs = (
      [
        ['workflows', JSON.stringify(found.workflows), JSON.stringify(expected.workflows)],
        [
          'open workflows',
          JSON.stringify(found.openWorkflows),
          JSON.stringify(expected.openWorkflows),
        ],
        ['documents', found.deliverables, expected.deliverables],
        ['catalogs', found.catalogs, expected.catalogs],
        ...(expected.sentMails !== undefined
          ? [['archived mails', found.sentMails, expected.sentMails] as const]
          : []),
      ] as const
    ).filter(([, a, b]) => a !== b);
    if (differs.length)
      throw new BackupError(
        `the restored copy does not hold what the manifest counted: ${differs.map(([what, a, b]) => `${what} ${a} (expected ${b})`).join('; ')}; nothing was restored`,
      );
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true });
    mkdirSync(dirname(dataDir), { recursive: true });
    renameSync(staging, dataDir);
    progress(`restored into ${dataDir}`);
    return { manifest, counts: found, checksums: manifest.format === 2 };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
