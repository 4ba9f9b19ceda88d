/**
 * The secretariat's weekly digest in Arabic and Chinese as a mail reader
 * shows it: the HTML part, read back from the built message by mailparser,
 * rendered in Debian's chromium at a phone's width. Arabic reads right to
 * left, each section is headed in the reader's language, and nothing is wider
 * than the screen. Screenshots go to artifacts/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { DIGEST_WORDS } from '../../src/i18n/digest-words';
import { composeDigest } from '../../src/mail/compose-digest';
import type { DigestItem, DigestMailRequest } from '../../src/shared/digest';
import type { Locale } from '../../src/shared/types';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const AT = Date.parse('2027-03-08T07:00:00Z');

const item = (
  id: string,
  title: string,
  status: DigestItem['status'],
  due: string,
): DigestItem => ({
  workflowId: `res-1332/${id}/${due}`,
  title,
  clause: 'resolves 2',
  responsible: 'Secretariat',
  status,
  dueAt: Date.parse(`${due}T23:00:00Z`),
  due: { date: due },
  zone: 'Europe/Zurich',
  tentative: false,
  handedIn: status === 'submitted' ? ['Report'] : [],
});

function request(locale: Locale): DigestMailRequest {
  return {
    input: {
      resolutionId: 'res-1332',
      resolutionTitle: "ITU's role in implementing the outcomes of the WSIS",
      recipient: {
        key: 'secretariat',
        name: 'Secretariat',
        email: 'secretariat@example.org',
        timezone: 'Europe/Zurich',
        locale,
      },
      role: 'secretariat',
      at: AT,
    },
    content: {
      overdue: [item('cwg-input', 'Contribution to the CWG-WSIS&SDG', 'overdue', '2027-03-01')],
      dueSoon: [item('cstd', 'Annual report to the CSTD', 'open', '2027-03-15')],
      awaitingReview: [item('hlpf', 'Contribution to the HLPF', 'submitted', '2027-03-05')],
    },
    weekOf: '2027-03-08',
    messageId: `<digest.res-1332.secretariat.${locale}.2027-03-08@mandate-tracker>`,
  };
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the secretariat's digest as a reader sees it", () => {
  it.each(['ar', 'zh'] as const)(
    'reads in %s, each section headed in that language',
    async (locale) => {
      const mail = composeDigest(request(locale), {
        from: 'Mandate tracker <mandates@example.org>',
        publicUrl: 'http://localhost:8080/',
      });
      const raw = await new MailComposer({
        from: mail.from,
        to: 'secretariat@example.org',
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      })
        .compile()
        .build();
      const parsed = await simpleParser(raw);
      expect(parsed.html).toBeTruthy();
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.setContent(parsed.html as string);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      const body = await page.locator('body').innerText();
      const words = DIGEST_WORDS[locale];
      for (const heading of [words.overdue, words.dueSoon, words.awaitingReview])
        expect(body).toContain(heading);
      expect(body).toContain(words.intro.secretariat);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(SCREENSHOTS, `digest-${locale}.png`), fullPage: true });
      await page.close();
    },
  );
});
