/**
 * Display names as every reader shows them: messages built as the mail
 * activity builds them, read back by Python's `email` (default policy, the
 * parser that showed "Jos é" when nodemailer cut a word between two
 * encoded-words) and by mailparser. Names hold commas, semicolons, quotes,
 * hyphens and long runs of Cyrillic, Arabic and Chinese.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { simpleParser, type AddressObject } from 'mailparser';
import { buildMessage } from '../../activities/mail';

const NAMES = [
  'José Martínez-O’Brien',
  "Иван О'Брайен-Иванова, заместитель директора департамента",
  'Xiaoming 王小明（信息通信技术发展局局长办公室）',
  'Müller, Anna "The Boss"',
  'نقطة الاتصال الوطنية في وزارة الاتصالات وتكنولوجيا المعلومات',
  'Dupont; Jean-Pierre (Délégation permanente)',
  'Plain Name',
];

/** Each message's From, To and Reply-To display names, as Python's email package reads them. */
function pythonNames(messages: Buffer[]): string[][] {
  const script = [
    'import email, email.policy, json, sys',
    'out = []',
    'for raw in json.load(sys.stdin):',
    '    m = email.message_from_bytes(raw.encode("latin-1"), policy=email.policy.default)',
    '    out.append([m[h].addresses[0].display_name for h in ("From", "To", "Reply-To")])',
    'print(json.dumps(out))',
  ].join('\n');
  const out = execFileSync('python3', ['-c', script], {
    input: JSON.stringify(messages.map((m) => m.toString('latin1'))),
  });
  return JSON.parse(out.toString()) as string[][];
}

describe('display names in address headers', () => {
  it('read back whole, by Python and by mailparser, for every script and special', async () => {
    const built = await Promise.all(
      NAMES.map((name, i) =>
        buildMessage({
          from: `Bureau de développement <desk${i}@example.org>`,
          to: { name, address: `person${i}@example.org` },
          replyTo: { name, address: `reply${i}@example.org` },
          subject: 'Names',
          text: 'x',
          html: '<p>x</p>',
          messageId: `<names.${i}@mandate-tracker>`,
          date: new Date('2027-03-08T08:00:00Z'),
          headers: {},
        } as never),
      ),
    );
    expect(pythonNames(built.map((b) => b.raw))).toEqual(
      NAMES.map((n) => ['Bureau de développement', n, n]),
    );
    for (const [i, b] of built.entries()) {
      const parsed = await simpleParser(b.raw);
      expect((parsed.to as AddressObject).value[0]).toMatchObject({
        name: NAMES[i],
        address: `person${i}@example.org`,
      });
      expect(b.envelope).toEqual({ from: `desk${i}@example.org`, to: [`person${i}@example.org`] });
      // Every header line within RFC 5322's 998 octets.
      const head = b.raw.toString('latin1').split('\r\n\r\n')[0]!;
      for (const line of head.split('\r\n')) expect(line.length).toBeLessThan(998);
    }
  });
});
