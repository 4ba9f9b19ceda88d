/** The CLI listings' due column: the resolution's own zone, a day-due task on its day. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordStartedCatalog } from '../../src/catalog/registry';
import { validateCatalogText } from '../../src/catalog/validate';
import { dueColumn } from '../../src/cli/due-column';

const TEXT = `version: 1
resolution: { id: geneva-test, title: Geneva test, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  fp: { name: Focal point, email: fp@example.org }
tasks:
  - id: once
    clause: resolves 1
    title: One report
    responsible: Secretariat
    assignees: [fp]
    due: 2027-03-29
    deliverables: []
`;
const dataDir = mkdtempSync(join(tmpdir(), 'mandate-due-column-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('due column', () => {
  const { catalog, problems } = validateCatalogText(TEXT);
  it('reads the recorded catalog zone: a day-due task on its day, a timed one at its time', () => {
    expect(problems).toEqual([]);
    recordStartedCatalog(dataDir, catalog!, TEXT);
    const due = dueColumn(dataDir);
    // Due 2027-03-29: the instant is 00:00 Geneva time on the 30th (22:00 UTC on the 29th).
    expect(due('geneva-test', Date.parse('2027-03-29T22:00:00Z'))).toBe(
      '2027-03-29       Europe/Zurich',
    );
    expect(due('geneva-test', Date.parse('2027-03-29T15:00:00Z'))).toBe(
      '2027-03-29 17:00 Europe/Zurich',
    );
  });
  it('shows a resolution it does not know in UTC, and says so', () => {
    expect(dueColumn(dataDir)('unknown', Date.parse('2027-03-30T00:00:00Z'))).toBe(
      '2027-03-29       UTC',
    );
  });
});
