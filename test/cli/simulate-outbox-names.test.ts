/**
 * Every mail `mandate simulate --outbox` writes (the built bin, its own
 * process), read by Python's `email` package with its default policy: each
 * display name in From, To and Reply-To is the catalog's name as written,
 * for names with commas, semicolons, quotes, hyphens and Cyrillic, Arabic
 * and Chinese script.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';

const ROOT = join(__dirname, '..', '..');
const today = DateTime.utc().startOf('day');
const PEOPLE: Record<string, { name: string; locale: string }> = {
  'jose@example.org': { name: 'José Martínez-O’Brien', locale: 'es' },
  'ivan@example.org': {
    name: "Иван О'Брайен-Иванова, заместитель директора департамента",
    locale: 'ru',
  },
  'xiaoming@example.org': { name: 'Xiaoming 王小明（信息通信技术发展局局长办公室）', locale: 'zh' },
  'anna@example.org': { name: 'Müller, Anna "The Boss"', locale: 'en' },
  'focal@example.org': {
    name: 'نقطة الاتصال الوطنية في وزارة الاتصالات وتكنولوجيا المعلومات',
    locale: 'ar',
  },
  'dupont@example.org': { name: 'Dupont; Jean-Pierre (Délégation permanente)', locale: 'fr' },
};
const SENDER = { name: 'Secrétariat, UIT; Genève', address: 'desk@itu.example' };
const keyOf = (email: string) => email.split('@')[0]!;

const CATALOG = `
version: 1
resolution: { id: names, title: Names as written, adoptedBy: Test Council, timezone: UTC }
people:
${Object.entries(PEOPLE)
  .map(
    ([email, p]) =>
      `  ${keyOf(email)}: { name: ${JSON.stringify(p.name)}, email: ${email}, locale: ${p.locale} }`,
  )
  .join('\n')}
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: P7D
  skipWeekends: false
tasks:
  - id: managed
    clause: instructs 1
    title: Report to Council
    responsible: Secretariat
    assignees: [jose, ivan, xiaoming]
    manager: anna
    due: ${today.plus({ days: 10 }).toISODate()}
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: unmanaged
    clause: instructs 2
    title: Inputs to the Working Group
    responsible: Secretariat
    assignees: [focal, dupont]
    due: ${today.plus({ days: 10 }).toISODate()}
    deliverables: [{ id: input, title: Input, kind: text }]
`;

const root = mkdtempSync(join(tmpdir(), 'mandate-sim-names-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function simulate(outbox: string): Promise<{ code: number | null; err: string }> {
  const file = join(root, 'catalog.yaml');
  writeFileSync(file, CATALOG);
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'mandate.js'),
      'simulate',
      file,
      '--to',
      today.plus({ days: 40 }).toISO()!,
      '--outbox',
      outbox,
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MANDATE_DATA_DIR: join(root, 'data'),
        MAIL_FROM: `"${SENDER.name}" <${SENDER.address}>`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

/** Each file's address headers as Python reads them: [header, address, display name]. */
function pythonAddresses(files: string[]): [string, string, string][][] {
  const script = [
    'import email, email.policy, json, sys',
    'out = []',
    'for path in json.load(sys.stdin):',
    '    with open(path, "rb") as f:',
    '        m = email.message_from_binary_file(f, policy=email.policy.default)',
    '    out.append([[h, a.addr_spec, a.display_name] for h in ("From", "To", "Reply-To", "Cc") if m[h] is not None for a in m[h].addresses])',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(
    execFileSync('python3', ['-c', script], { input: JSON.stringify(files) }).toString(),
  ) as [string, string, string][][];
}

describe('the names in every simulated mail', () => {
  it('are the catalog’s, as Python’s email reads them', async () => {
    const outbox = join(root, 'outbox');
    const run = await simulate(outbox);
    expect(run.code, run.err).toBe(0);
    const files = readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => join(outbox, f));
    expect(files.length).toBeGreaterThan(10);
    const read = pythonAddresses(files);
    const expected = (address: string) =>
      address === SENDER.address ? SENDER.name : PEOPLE[address]?.name;
    const wrong = read
      .flatMap((headers, i) =>
        headers.map(([header, address, name]) => ({ file: files[i], header, address, name })),
      )
      .filter((h) => h.name !== expected(h.address));
    expect(wrong).toEqual([]);
    // Every person was written to, and the manager's name is the Reply-To of the managed task.
    const to = new Set(read.flatMap((h) => h.filter(([k]) => k === 'To').map(([, a]) => a)));
    expect([...to].sort()).toEqual(Object.keys(PEOPLE).sort());
    const replyTo = new Set(
      read.flatMap((h) => h.filter(([k]) => k === 'Reply-To').map(([, , n]) => n)),
    );
    expect(replyTo).toContain('Müller, Anna "The Boss"');
    expect(readFileSync(files[0]!, 'latin1')).toMatch(/^From: /m);
  });
});
