/**
 * Renders the HTML of one weekly digest per locale (a manager's: an overdue
 * task, one due soon, one handed in) to PNG files under artifacts/mails/, at a
 * phone's width (420 px) and a desktop mail pane's (800 px), with Debian's
 * Chromium. Exits 1 when a page is wider than its viewport or runs the wrong way.
 *
 *   npx tsx scripts/render-digest.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium';
import { composeDigest } from '../src/mail/compose-digest';
import type { DigestItem } from '../src/shared/digest';
import { LOCALES, type Locale } from '../src/shared/types';

const OUT = join(__dirname, '..', 'artifacts', 'mails');
const WIDTHS = [420, 800];
const DAY = 86_400_000;
const AT = Date.parse('2027-03-08T07:00:00Z');

const ZONES: Record<Locale, string> = {
  ar: 'Asia/Riyadh',
  zh: 'Asia/Shanghai',
  en: 'Europe/Zurich',
  fr: 'Europe/Paris',
  ru: 'Europe/Moscow',
  es: 'America/Mexico_City',
};

function item(id: string, title: string, days: number, status: DigestItem['status']): DigestItem {
  const date = new Date(AT + days * DAY).toISOString().slice(0, 10);
  // End of the due day in Zurich (UTC+1 in March).
  const dueAt = Date.parse(`${date}T23:00:00Z`);
  return {
    workflowId: `itu-council-1332/${id}/${date}`,
    title,
    clause: 'instructs the Secretary-General 3',
    responsible: 'ITU General Secretariat',
    status,
    dueAt,
    due: { date },
    zone: 'Europe/Zurich',
    tentative: false,
    handedIn: status === 'submitted' ? ['Annual report on WSIS implementation (PDF, 2.3 MB)'] : [],
  };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    );
    for (const locale of LOCALES) {
      const mail = composeDigest(
        {
          input: {
            resolutionId: 'itu-council-1332',
            resolutionTitle:
              'ITU role in the implementation of the WSIS outcomes and the 2030 Agenda for Sustainable Development',
            recipient: {
              key: 'wsis-manager',
              name: 'WSIS manager',
              email: 'wsis-manager@itu.example',
              timezone: ZONES[locale],
              locale,
            },
            role: 'manager',
            at: AT,
          },
          content: {
            overdue: [
              item('wsis-report', 'Report to Council on the WSIS Action Lines', -4, 'overdue'),
            ],
            dueSoon: [
              item(
                'sdg-matrix',
                'Update the WSIS-SDG Matrix with the lead facilitators',
                9,
                'open',
              ),
            ],
            awaitingReview: [
              item(
                'annual-report',
                'Annual report on the implementation of the resolution',
                3,
                'submitted',
              ),
            ],
          },
          weekOf: '2027-03-08',
          messageId: '<digest.render@mandate-tracker>',
        },
        { from: 'Mandate tracker <mandates@example.org>', publicUrl: 'http://localhost:8080' },
      );
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.setContent(mail.html, { waitUntil: 'load' });
        const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
        const dir = String(await page.evaluate('getComputedStyle(document.body).direction'));
        const file = join(OUT, `digest-${locale}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const ok = scrollWidth <= width;
        console.log(
          `${ok ? 'ok  ' : 'FAIL'} ${locale} ${width}px: scrollWidth ${scrollWidth}, direction ${dir} -> ${file}`,
        );
        if (!ok) problems.push(`${locale} at ${width}px is ${scrollWidth}px wide`);
        if (dir !== (locale === 'ar' ? 'rtl' : 'ltr'))
          problems.push(`${locale} at ${width}px runs ${dir}`);
      }
    }
  } finally {
    await browser.close();
  }
  if (problems.length) {
    console.error(`horizontal overflow or wrong direction:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
