/**
 * `mandate simulate` (the built bin, its own process) writes mail as the
 * running system does: its sender, the dashboard's address a running
 * `npm start` recorded in the data folder, and the data folder's link keys,
 * so a previewed hand-in link verifies there. It says so on stderr; with no
 * key in the data folder it signs with a one-off key, says that, and writes
 * nothing there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { simpleParser, type AddressObject } from 'mailparser';
import { linkKeysFor } from '../../src/config/link-secret';
import { recordRunningSystem } from '../../src/config/running-system';
import { verifyLink } from '../../src/links/signed-link';

const ROOT = join(__dirname, '..', '..');
const today = DateTime.utc().startOf('day');
const CATALOG = `
version: 1
resolution: { id: sim-mail, title: Simulated mail, adoptedBy: Test Council, timezone: UTC }
people:
  geneva: { name: Genève, email: geneva@example.org, locale: fr }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: report
    clause: instructs 1
    title: Report to Council
    responsible: Secretariat
    assignees: [geneva]
    due: ${today.plus({ days: 12 }).toISODate()}
    deliverables: [{ id: report, title: Report, kind: document }]
`;

const root = mkdtempSync(join(tmpdir(), 'mandate-sim-mail-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function simulate(
  dataDir: string,
  outbox: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const file = join(root, 'catalog.yaml');
  writeFileSync(file, CATALOG);
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'mandate.js'),
      'simulate',
      file,
      '--to',
      today.plus({ days: 14 }).toISO()!,
      '--outbox',
      outbox,
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MANDATE_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

async function readOutbox(outbox: string) {
  const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
  return Promise.all(files.map((f) => simpleParser(readFileSync(join(outbox, f)))));
}

describe('mandate simulate writes mail as the running system does', () => {
  it('from the configured sender, linking to the running dashboard, signed with its keys', async () => {
    const dataDir = join(root, 'running');
    const keys = linkKeysFor(dataDir);
    // A running npm start on this data folder (this process stands in for it: alive).
    recordRunningSystem(dataDir, {
      pid: process.pid,
      temporalAddress: '127.0.0.1:1',
      httpPort: 8321,
      publicUrl: 'http://localhost:8321',
    });
    const outbox = join(root, 'outbox-running');
    const run = await simulate(dataDir, outbox, { MAIL_FROM: 'Desk <desk@itu.example>' });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(
      `simulate: mail as the running system writes it: from Desk <desk@itu.example>, links to http://localhost:8321, signed with the link keys of ${dataDir}`,
    );
    const mails = await readOutbox(outbox);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect((mail.from as AddressObject).value[0]!.address).toBe('desk@itu.example');
      const link = /http:\/\/localhost:8321\/hand-in\?[^\s"<>)]+/.exec(mail.text ?? '')?.[0];
      expect(link, mail.text).toBeDefined();
      const check = verifyLink(keys, new URL(link!).searchParams, Date.now());
      expect(check).toMatchObject({ ok: true });
    }
  });

  it('says when nothing has run on the data folder, and leaves it as it was', async () => {
    const dataDir = join(root, 'fresh');
    const outbox = join(root, 'outbox-fresh');
    const run = await simulate(dataDir, outbox);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(
      `signed with a key for this run alone (no system has run on ${dataDir} yet, so the links open nowhere)`,
    );
    expect(run.err).toContain(
      'from Mandate tracker <mandates@localhost>, links to http://localhost:8080',
    );
    expect(existsSync(dataDir)).toBe(false);
    expect((await readOutbox(outbox)).length).toBeGreaterThan(0);
  });
});
