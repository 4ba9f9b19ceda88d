/**
 * The catalogs the engine knows: `mandate start` records the validated text
 * of every catalog it starts under `<dataDir>/catalogs/<resolution-id>.yaml`,
 * so the dashboard, the reports and the API know each started resolution's
 * titles and zone wherever its file came from. A catalog folder (the
 * repository's `catalogs/`) adds those not started from here.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../shared/types';
import { formatProblem } from './problems';
import { validateCatalogText } from './validate';

/** Where the started catalogs are kept inside the data folder. */
export function registryDirectory(dataDir: string): string {
  return join(dataDir, 'catalogs');
}

/** A resolution id as a file name: the catalog contract's ids are safe, anything else is refused. */
function fileNameOf(resolutionId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(resolutionId) || resolutionId.includes('..'))
    throw new Error(`resolution id ${JSON.stringify(resolutionId)} cannot name a file`);
  return `${resolutionId}.yaml`;
}

/**
 * Records a started catalog's text (already validated into `catalog`),
 * atomically: a reader sees the old text or the new, never half of one.
 */
export function recordStartedCatalog(dataDir: string, catalog: Catalog, text: string): string {
  const directory = registryDirectory(dataDir);
  mkdirSync(directory, { recursive: true });
  const path = join(directory, fileNameOf(catalog.resolution.id));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
  return path;
}

/** A start that began and has not finished: its catalog's text and since when. */
export interface InterruptedStart {
  since: Date;
  /** The same catalog text as this start's. */
  sameCatalog: boolean;
}

const pendingPath = (dataDir: string, resolutionId: string) =>
  join(registryDirectory(dataDir), 'pending', fileNameOf(resolutionId));

/**
 * Marks a start of `catalog` as under way (its text under `catalogs/pending/`,
 * which the catalog readers do not load). The recorded catalog changes only
 * when {@link finishCatalogStart} runs, after the last workflow was started
 * or changed. Answers the earlier start that never finished, if any.
 */
export function beginCatalogStart(
  dataDir: string,
  catalog: Catalog,
  text: string,
): InterruptedStart | undefined {
  const path = pendingPath(dataDir, catalog.resolution.id);
  const earlier = existsSync(path)
    ? { since: statSync(path).mtime, sameCatalog: readFileSync(path, 'utf8') === text }
    : undefined;
  mkdirSync(join(registryDirectory(dataDir), 'pending'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
  return earlier;
}

/** Records the catalog a start has wholly applied, and clears its mark (see {@link beginCatalogStart}). */
export function finishCatalogStart(dataDir: string, catalog: Catalog, text: string): string {
  const recorded = recordStartedCatalog(dataDir, catalog, text);
  rmSync(pendingPath(dataDir, catalog.resolution.id), { force: true });
  return recorded;
}

/** Valid catalogs of a folder by resolution id; invalid ones are reported and left out. */
export function loadCatalogFolder(
  directory: string,
  warn: (line: string) => void,
): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>();
  if (!existsSync(directory)) return catalogs;
  for (const name of readdirSync(directory)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = join(directory, name);
    const { catalog, problems } = validateCatalogText(readFileSync(file, 'utf8'));
    if (catalog) catalogs.set(catalog.resolution.id, catalog);
    else for (const p of problems) warn(formatProblem(file, p));
  }
  return catalogs;
}

/** The catalog a started resolution ran with, if `mandate start` recorded it. */
export function startedCatalog(dataDir: string, resolutionId: string): Catalog | undefined {
  let path: string;
  try {
    path = join(registryDirectory(dataDir), fileNameOf(resolutionId));
  } catch {
    return undefined;
  }
  if (!existsSync(path)) return undefined;
  return validateCatalogText(readFileSync(path, 'utf8')).catalog ?? undefined;
}

/**
 * Every known catalog, kept current: `refresh()` rereads the folders only
 * when a catalog file in them was added, removed or changed.
 */
export class KnownCatalogs {
  /** By resolution id; the same map object throughout, updated in place. */
  readonly catalogs = new Map<string, Catalog>();
  /** Resolution ids that `mandate start` recorded (the others are only in the catalog folder). */
  readonly started = new Set<string>();
  private seen = '';

  constructor(
    private readonly dataDir: string,
    private readonly folder: string | undefined,
    private readonly warn: (line: string) => void,
  ) {
    this.refresh();
  }

  private stamp(): string {
    return [registryDirectory(this.dataDir), this.folder ?? '']
      .map((d) => {
        if (!d || !existsSync(d)) return '-';
        const entries = readdirSync(d).filter((f) => /\.ya?ml$/.test(f));
        const times = entries.map((f) => `${f}:${statSync(join(d, f)).mtimeMs}`);
        return times.join(',');
      })
      .join('|');
  }

  /** Rereads the folders if anything in them changed; started catalogs win over the folder. */
  refresh(): void {
    const stamp = this.stamp();
    if (stamp === this.seen) return;
    this.seen = stamp;
    const started = loadCatalogFolder(registryDirectory(this.dataDir), this.warn);
    const merged = new Map([
      ...(this.folder ? loadCatalogFolder(this.folder, this.warn) : new Map<string, Catalog>()),
      ...started,
    ]);
    this.catalogs.clear();
    for (const [id, catalog] of merged) this.catalogs.set(id, catalog);
    this.started.clear();
    for (const id of started.keys()) this.started.add(id);
  }
}
