/**
 * The registry over more than one resolution: two catalogs written for this
 * test whose bodies, months and overlaps were counted by hand, then the
 * shipped catalog with one of them through the built `mandate` bin (table,
 * JSON, CSV read back by its header, Excel opened by openpyxl).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';
import { buildRegistry, type Registry } from '../../src/registry/registry';
import { readOffice, type XlsxRead } from '../report/read-office';

const ROOT = join(__dirname, '..', '..');
const people = `
people:
  sg: { name: Secretary-General, email: sg@example.org, timezone: Europe/Zurich }
  ms: { name: Member States, email: ms@example.org, timezone: UTC }
defaults: { reminders: [P7D], sendAt: "09:00", overdueEvery: P7D, escalateAfter: null, skipWeekends: false }`;
const GA = `
version: 2
resolution: { id: ga-ict, title: ICT for development, adoptedBy: General Assembly, timezone: America/New_York }
${people}
tasks:
  - id: sg-annual-report
    clause: paragraph 3
    title: Report annually to the Council on the digital divide
    notes: Requests the Secretary-General to report annually to the Council on the digital divide
    responsible: Secretary-General
    assignees: [sg]
    due: 2027-03-15
    recurrence: { every: P6M }
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: ms-views
    clause: paragraph 5
    title: Views of Member States on the digital divide
    responsible: Member States
    assignees: [ms]
    due: 2027-01-31
    overdueEvery: null
    deliverables: [{ id: views, title: Views, kind: text }]
`;
const PP = `
version: 2
resolution: { id: pp-skills, title: Digital skills, adoptedBy: Plenipotentiary Conference, timezone: Europe/Zurich }
${people}
tasks:
  - id: sg-skills-report
    clause: instructs the Secretary-General 1
    title: Report to the Council on digital skills in rural areas
    responsible: Secretary-General
    assignees: [sg]
    due: 2027-04-10
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: sg-divide-update
    clause: instructs the Secretary-General 2
    title: Report annually to the Council on the digital divide
    notes: to report annually to the Council on the digital divide and on digital skills
    responsible: Secretary-General
    assignees: [sg]
    due: 2027-11-20
    recurrence: { every: P1Y, until: 2030-12-31 }
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: done
    clause: resolves 1
    title: Already done
    responsible: Member States
    assignees: [ms]
    due: 2027-02-01
    completed: 2026-11-30
    deliverables: []
`;
const parse = (text: string) => {
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new Error(JSON.stringify(problems));
  return catalog;
};

describe('the registry of two resolutions', () => {
  const registry: Registry = buildRegistry([parse(PP), parse(GA)], {
    from: '2026-12-01',
    to: '2027-11-30',
  });

  it('counts what each body owes per month, as counted by hand', () => {
    expect(registry.resolutions.map((r) => r.id)).toEqual(['ga-ict', 'pp-skills']);
    expect(registry.months).toHaveLength(12);
    // Secretary-General: ga-ict every six months from 2027-03-15 (March, September),
    // pp-skills on 2027-04-10 and yearly from 2027-11-20 (November).
    // Member States: ga-ict's invitation in January; pp-skills' completed task owes nothing.
    const byBody = new Map(registry.burden.map((b) => [b.body, b]));
    const sg = byBody.get('Secretary-General')!;
    expect(Object.entries(sg.months).filter(([, n]) => n > 0)).toEqual([
      ['2027-03', 1],
      ['2027-04', 1],
      ['2027-09', 1],
      ['2027-11', 1],
    ]);
    expect([sg.total, sg.invitations, sg.resolutions]).toEqual([4, 0, ['ga-ict', 'pp-skills']]);
    const ms = byBody.get('Member States')!;
    expect(Object.entries(ms.months).filter(([, n]) => n > 0)).toEqual([['2027-01', 1]]);
    expect([ms.total, ms.invitations]).toEqual([1, 1]);
    expect(registry.burden.map((b) => b.body)).toEqual(['Secretary-General', 'Member States']);
  });

  it('lists the same duty asked by two resolutions as a merge candidate, both clauses side by side', () => {
    const pair = registry.overlaps.find(
      (o) => [o.a.taskId, o.b.taskId].sort().join() === 'sg-annual-report,sg-divide-update',
    );
    expect(pair).toBeDefined();
    expect(pair!.body).toBe('Secretary-General');
    expect([pair!.a.clause, pair!.b.clause].sort()).toEqual([
      'instructs the Secretary-General 2',
      'paragraph 3',
    ]);
    expect(pair!.reasons.join('; ')).toMatch(/% of their words shared/);
    // The two ends of a body's other reports to the Council, months apart and worded apart, are not.
    const skills = registry.overlaps.filter((o) =>
      [o.a.taskId, o.b.taskId].includes('sg-skills-report'),
    );
    for (const o of skills)
      expect(o.reasons.join()).toMatch(/same recipient \(Council\), due \d+ days apart/);
    expect(
      skills.every((o) => o.reasons.every((r) => !/due (3[1-9]|[4-9]\d|\d{3,}) days/.test(r))),
    ).toBe(true);
  });

  it('flags the mandate that recurs with no end, not the one with until', () => {
    expect(registry.endless.map((e) => [e.resolution, e.taskId, e.reason])).toEqual([
      ['ga-ict', 'sg-annual-report', 'recurs every P6M with no until'],
    ]);
  });
});

describe('mandate registry (the built bin)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-registry-'));
  const pp = join(dir, 'pp-skills.yaml');
  writeFileSync(pp, PP);
  const shipped = join(ROOT, 'catalogs', 'itu-council-1332.yaml');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'mandate.js'), 'registry', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  const window = ['--from', '2026-12-01', '--to', '2027-11-30'];

  it('shows the shipped catalog with a second one: burden, merge candidates, mandates with no end', () => {
    const json = run([shipped, pp, ...window, '--json']);
    expect([json.status, json.stderr]).toEqual([0, '']);
    const registry = JSON.parse(json.stdout) as Registry;
    expect(registry.resolutions.map((r) => r.id)).toEqual(['itu-council-1332', 'pp-skills']);
    const total = registry.burden.reduce((n, b) => n + b.total, 0);
    expect(total).toBe(registry.owed.length);
    expect(registry.endless.length).toBeGreaterThan(0);
    const table = run([shipped, pp, ...window]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain(
      'Registry of 2 resolutions (itu-council-1332, pp-skills), 2026-12-01 to 2027-11-30',
    );
    expect(table.stdout).toContain(`Merge candidates (${registry.overlaps.length})`);
    expect(table.stdout).toContain(`Mandates with no end (${registry.endless.length})`);
    for (const b of registry.burden) expect(table.stdout).toContain(b.body);
  });

  it('writes the burden as CSV and the three views as an Excel workbook', () => {
    const csv = run([shipped, pp, ...window, '--format', 'csv']);
    expect(csv.status).toBe(0);
    const [header, ...rows] = csv.stdout
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['body', '2026-12', '2027-01']);
    expect(rows.length).toBeGreaterThan(1);
    const out = join(dir, 'registry.xlsx');
    const xlsx = run([shipped, pp, ...window, '--format', 'xlsx', '--output', out]);
    expect([xlsx.status, xlsx.stderr]).toEqual([0, '']);
    const book = readOffice('registry.xlsx', readFileSync(out)) as XlsxRead;
    expect(book.sheets.map((s) => s.name)).toEqual(['Burden', 'Merge candidates', 'No end']);
    const burden = book.sheets[0]!;
    expect(burden.rows[0]!.slice(0, 2)).toEqual(['Body', '2026-12']);
    expect(burden.rows.length).toBe(rows.length + 1);
    expect(burden.headerBold).toBe(true);
  });

  it('refuses a bad window with what is wrong', () => {
    const bad = run([shipped, '--from', '2027-02-30']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from: 2027-02-30 is not a date (YYYY-MM-DD)');
    const reversed = run([shipped, '--from', '2027-03-01', '--to', '2027-01-01']);
    expect(reversed.stderr).toContain('--to: 2027-01-01 is before --from 2027-03-01');
  });
});
