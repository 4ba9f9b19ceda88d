/**
 * The catalogs the engine knows: `mandate start` records what it started in
 * the data folder, and the dashboard and the report endpoint know a catalog
 * started from any folder (its titles, its zone, its report), also one
 * started while the server runs.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  KnownCatalogs,
  recordStartedCatalog,
  registryDirectory,
  startedCatalog,
} from '../../src/catalog/registry';
import { validateCatalogText } from '../../src/catalog/validate';
import { main } from '../../src/cli/main';
import { loadConfig } from '../../src/config/config';
import { httpDependencies } from '../../src/http/setup';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import { devServerEnv } from '../support/temporal';

const TOKEN = 'r'.repeat(24);
const catalogText = (id: string, title: string, zone: string) => `version: 1
resolution: { id: ${id}, title: ${title}, adoptedBy: Test Council, timezone: ${zone} }
people:
  fp: { name: Focal point, email: fp@example.org }
tasks:
  - id: annual-report
    clause: resolves 7
    title: The annual report on outreach
    responsible: Secretariat
    assignees: [fp]
    due: { date: 2031-03-02, time: '17:00' }
    deliverables: [{ id: report, title: Report, kind: document }]
`;

describe('the registry', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mandate-registry-'));
  const folder = join(dataDir, 'folder');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records started catalogs atomically; started ones win over the folder and appear on refresh', () => {
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.yaml'), catalogText('res-a', 'Folder title', 'UTC'));
    writeFileSync(join(folder, 'broken.yaml'), 'version: 1\nresolution: [\n');
    const warnings: string[] = [];
    const known = new KnownCatalogs(dataDir, folder, (line) => warnings.push(line));
    expect([...known.catalogs.keys()]).toEqual(['res-a']);
    expect(warnings.join('\n')).toMatch(/broken\.yaml/);

    const text = catalogText('res-a', 'Started title', 'Asia/Tokyo');
    const path = recordStartedCatalog(dataDir, validateCatalogText(text).catalog!, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(registryDirectory(dataDir))).toEqual(['res-a.yaml']);
    const other = catalogText('res-b', 'Second', 'Europe/Paris');
    recordStartedCatalog(dataDir, validateCatalogText(other).catalog!, other);

    const map = known.catalogs;
    known.refresh();
    expect(known.catalogs).toBe(map);
    expect([...map.keys()].sort()).toEqual(['res-a', 'res-b']);
    expect(map.get('res-a')?.resolution.title).toBe('Started title');
    expect(map.get('res-a')?.resolution.timezone).toBe('Asia/Tokyo');
    expect(startedCatalog(dataDir, 'res-b')?.resolution.title).toBe('Second');
    expect(startedCatalog(dataDir, '../etc/passwd')).toBeUndefined();
    expect(startedCatalog(dataDir, 'never-started')).toBeUndefined();
  });
});

describe('a catalog started from elsewhere', () => {
  let env: TestWorkflowEnvironment;
  let server: HttpServer;
  const root = mkdtempSync(join(tmpdir(), 'mandate-started-'));
  const saved = { ...process.env };
  const stderr: string[] = [];

  beforeAll(async () => {
    env = await devServerEnv();
    Object.assign(process.env, {
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: 'registry-test',
      MANDATE_DATA_DIR: join(root, 'data'),
      MANDATE_CATALOG_DIR: join(root, 'no-catalogs-here'),
      MANDATE_API_TOKENS: `secretariat:sec:${TOKEN}`,
    });
    const deps = httpDependencies(loadConfig(), env.client, (line) => stderr.push(line));
    server = await startHttpServer(deps, 0);
  });

  afterAll(async () => {
    process.env = saved;
    await server?.close();
    await env?.teardown();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('is known to the dashboard and the report endpoint once `mandate start` ran', async () => {
    expect((await get('/api/reports/elsewhere')).status).toBe(404);
    const file = join(root, 'somewhere', 'catalog.yaml');
    mkdirSync(join(root, 'somewhere'));
    writeFileSync(file, catalogText('elsewhere', 'Outreach resolution', 'Asia/Tokyo'));
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => stderr.push(String(chunk)) > 0) as typeof write;
    let code: number;
    try {
      code = await main(['start', file]);
    } finally {
      process.stderr.write = write;
    }
    expect(code, stderr.join('')).toBe(0);
    expect(existsSync(join(root, 'data', 'catalogs', 'elsewhere.yaml'))).toBe(true);

    const report = await get('/api/reports/elsewhere');
    expect(report.status).toBe(200);
    const markdown = await report.text();
    expect(markdown).toContain('Outreach resolution');
    expect(markdown).toContain('The annual report on outreach');

    // Visibility catches up a moment after the start.
    let page = '';
    for (let i = 0; i < 50 && !page.includes('annual-report'); i++) {
      page = await (await get('/?resolution=elsewhere')).text();
      if (!page.includes('annual-report')) await new Promise((r) => setTimeout(r, 200));
    }
    expect(page).toContain('Outreach resolution');
    expect(page).toContain('The annual report on outreach');
    // 17:00 in Tokyo, stated in the resolution's zone rather than as 08:00 in UTC.
    expect(page).toContain('2 March 2031, 17:00, Japan Standard Time');
    expect(page).not.toContain('08:00, GMT');
  });
});
