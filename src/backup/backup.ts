/**
 * Backups of the embedded default (`npm start`): the dev server's SQLite
 * database copied with SQLite's online backup (consistent while the server
 * runs), the deliverable store (content-addressed, so each file is checked
 * against its name), the link keys, the hashed staff tokens and the catalogs
 * the engine recorded, with a manifest of what, when, versions and counts.
 * A restore goes into an empty data folder only, through a temporary folder
 * renamed at the end, so a failed restore leaves nothing half-written.
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
const KEPT = ['link-secret', 'api-tokens', 'catalogs'];

export interface BackupManifest {
  kind: 'mandate-tracker backup';
  format: 1;
  createdAt: string;
  source: string;
  versions: { mandateTracker: string; sqlite: string; temporalCli?: string };
  counts: {
    databaseBytes: number;
    deliverables: number;
    deliverableBytes: number;
    catalogs: number;
    /** Workflow executions the database holds, and those still running, per namespace. */
    workflows: Record<string, number>;
    openWorkflows: Record<string, number>;
  };
  files: string[];
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

  let catalogs = 0;
  for (const name of KEPT) {
    const from = join(dataDir, name);
    if (!existsSync(from)) continue;
    for (const file of statSync(from).isDirectory() ? filesUnder(from) : [from]) {
      const to = join(target, relative(dataDir, file));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(file, to);
      if (name === 'catalogs') catalogs += 1;
    }
    progress(`${name}: copied`);
  }

  const manifest: BackupManifest = {
    kind: 'mandate-tracker backup',
    format: 1,
    createdAt: new Date().toISOString(),
    source: dataDir,
    versions: { ...versions, sqlite },
    counts: {
      databaseBytes: statSync(join(target, DATABASE)).size,
      deliverables: deliverables.length,
      deliverableBytes,
      catalogs,
      ...workflowCounts(join(target, DATABASE)),
    },
    files: filesUnder(target).map((f) => relative(target, f)),
  };
  writeFileSync(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  progress(`manifest: ${join(target, MANIFEST)}`);
  return manifest;
}

/** Restores a backup into `dataDir`, which must be missing or empty. */
export function restoreDataFolder(
  backup: string,
  dataDir: string,
  progress: (line: string) => void = () => undefined,
): BackupManifest {
  const manifestFile = join(backup, MANIFEST);
  if (!existsSync(manifestFile))
    throw new BackupError(`${backup}: no ${MANIFEST}; not a backup made by mandate backup`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.kind !== 'mandate-tracker backup' || manifest.format !== 1)
    throw new BackupError(`${manifestFile}: not a mandate-tracker backup of format 1`);
  if (!isEmptyFolder(dataDir)) {
    const held = readdirSync(dataDir).slice(0, 5).join(', ');
    throw new BackupError(
      `the data folder ${dataDir} is not empty (it holds ${held}); restore only into an empty or new folder, so nothing in use is overwritten`,
    );
  }
  const missing = manifest.files.filter((f) => !existsSync(join(backup, f)));
  if (missing.length)
    throw new BackupError(`${backup}: files of the manifest are missing: ${missing.join(', ')}`);

  const staging = `${dataDir}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of manifest.files) {
      const from = join(backup, file);
      if (file.startsWith('deliverables/')) checkDeliverable(from);
      const to = join(staging, file);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
    progress(`copied ${manifest.files.length} files`);
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true });
    mkdirSync(dirname(dataDir), { recursive: true });
    renameSync(staging, dataDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  progress(`restored into ${dataDir}`);
  return manifest;
}
