/**
 * `mandate simulate --outbox DIR`: every message of the window as an .eml
 * file a secretariat can open, read back here with mailparser: one file per
 * planned message, each with the Message-ID its workflow gives it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { simpleParser, type AddressObject } from 'mailparser';
import { validateCatalogText } from '../../src/catalog/validate';
import { planCatalog } from '../../src/plan/catalog-plan';
import { simulate } from '../../src/simulate/simulate';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { messageIdFor } from '../../src/shared/message-id';

const today = DateTime.now().setZone('Europe/Zurich').startOf('day');
const d = (days: number) => today.plus({ days }).toISODate();
const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: outbox-sim, title: Outbox simulation, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  geneva: { name: Genève, email: geneva@example.org, locale: fr }
  cairo: { name: القاهرة, email: cairo@example.org, timezone: Africa/Cairo, locale: ar }
  beijing: { name: 北京, email: beijing@example.org, timezone: Asia/Shanghai, locale: zh }
  chair: { name: Chair, email: chair@example.org, timezone: America/New_York }
defaults:
  reminders: [P7D, P1D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: P3D
  skipWeekends: false
tasks:
  - id: report
    clause: instructs 1
    title: Report to Council
    responsible: Secretariat
    assignees: [geneva, cairo, beijing]
    manager: chair
    due: ${d(12)}
    deliverables: [{ id: report, title: Report, kind: document }]
`);

describe('simulate --outbox', () => {
  const root = mkdtempSync(join(tmpdir(), 'mandate-outbox-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes every message the sink received as an .eml file, one per planned message', async () => {
    expect(problems).toEqual([]);
    const from = Date.now() + 60_000;
    const to = today.plus({ days: 30 }).toMillis();
    const outbox = join(root, 'outbox');
    const received = await simulate(catalog!, { from, to, outbox });
    const planned = planCatalog(catalog!, from, to);
    expect(planned.length).toBeGreaterThan(6);

    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(planned.length);
    expect(received).toHaveLength(planned.length);
    const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
    const expected = planned
      .map((m) =>
        messageIdFor(
          occurrenceWorkflowId(catalog!.resolution.id, m.task, m.occurrence),
          `${m.kind}.${m.atMs}.${m.recipient}`,
        ),
      )
      .sort();
    expect(parsed.map((p) => p.messageId).sort()).toEqual(expected);
    // Each one readable: a subject, a recipient from the catalog, a body in the person's language.
    const addresses = new Set(Object.values(catalog!.people).map((p) => p.email));
    for (const mail of parsed) {
      expect(mail.subject).toBeTruthy();
      const to = (mail.to as AddressObject).value.map((a) => a.address);
      expect(to.every((a) => addresses.has(a!))).toBe(true);
      expect(mail.text?.length).toBeGreaterThan(20);
    }
    const cairo = parsed.find((m) => (m.to as AddressObject).text.includes('cairo@example.org'));
    expect(cairo?.text).toMatch(/[\u0600-\u06ff]/);
  });

  it('refuses a folder that already holds mail, before anything runs', async () => {
    const used = join(root, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'old.eml'), 'Subject: old\r\n\r\nold\r\n');
    await expect(
      simulate(catalog!, { to: today.plus({ days: 30 }).toMillis(), outbox: used }),
    ).rejects.toThrow(/already holds 1 \.eml file/);
  });
});
