/**
 * Renders the HTML of one reminder per locale to PNG files under
 * artifacts/mails/, at a phone's width (420 px) and a desktop mail pane's
 * (800 px), with Debian's Chromium driven by playwright-core. The task title
 * and a deliverable name are long (and one has an unbroken document symbol)
 * to show overflow. Exits 1 when a page is wider than its viewport.
 *
 *   npm run render:mails
 *
 * Needs `apt-get install chromium fonts-noto-core fonts-noto-cjk`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium';
import { composeNotice } from '../src/mail/compose';
import { LOCALES, type Locale, type Recipient } from '../src/shared/types';
import type { NoticeRequest } from '../src/shared/workflow-api';

const OUT = join(__dirname, '..', 'artifacts', 'mails');
const WIDTHS = [420, 800];
const DAY = 86_400_000;

const TITLES: Record<Locale, string> = {
  ar: 'تقرير الأمين العام عن التقدم المحرز في تنفيذ القرار، بما في ذلك التوصيات المتعلقة بتعزيز التنسيق على نطاق المنظومة',
  zh: '秘书长关于决议执行进展情况的报告，包括关于加强全系统协调以及向各会员国提供技术援助的建议',
  en: 'Report of the Secretary-General on progress made in the implementation of the resolution, including recommendations on strengthening system-wide coordination',
  fr: 'Rapport du Secrétaire général sur les progrès accomplis dans l’application de la résolution, y compris des recommandations visant à renforcer la coordination à l’échelle du système',
  ru: 'Доклад Генерального секретаря о ходе осуществления резолюции, включая рекомендации относительно укрепления общесистемной координации',
  es: 'Informe del Secretario General sobre los progresos realizados en la aplicación de la resolución, incluidas recomendaciones para reforzar la coordinación en todo el sistema',
};

const DELIVERABLES: Record<Locale, string> = {
  ar: 'مرفق إحصائي مفصّل بالبيانات المصنّفة حسب المنطقة والجنس والفئة العمرية',
  zh: '按区域、性别和年龄组分列的详细统计附件',
  en: 'Detailed statistical annex with data disaggregated by region, sex and age group',
  fr: 'Annexe statistique détaillée présentant des données ventilées par région, par sexe et par groupe d’âge',
  ru: 'Подробное статистическое приложение с данными в разбивке по регионам, полу и возрастным группам',
  es: 'Anexo estadístico detallado con datos desglosados por región, sexo y grupo de edad',
};

const ZONES: Record<Locale, string> = {
  ar: 'Asia/Riyadh',
  zh: 'Asia/Shanghai',
  en: 'America/New_York',
  fr: 'Europe/Paris',
  ru: 'Europe/Moscow',
  es: 'America/Mexico_City',
};

function reminder(locale: Locale): NoticeRequest {
  const dueAt = Date.parse('2026-06-15T15:00:00Z');
  const recipient: Recipient = {
    key: `focal-point-${locale}`,
    name: `Focal point (${locale})`,
    email: `focal-point-${locale}@permanent-mission.example.org`,
    timezone: ZONES[locale],
    locale,
  };
  const manager: Recipient = {
    key: 'manager',
    name: 'Désirée Manager-Longname',
    email: 'desiree.manager-longname@secretariat.example.org',
    timezone: 'Europe/Zurich',
    locale: 'en',
  };
  const workflowId = `res-80-123/report-${locale}/2026-06-15`;
  return {
    workflowId,
    messageId: `<res-80-123.report-${locale}.2026-06-15.reminder@mandate-tracker>`,
    kind: 'reminder',
    offset: 'P7D',
    at: dueAt - 7 * DAY - 5 * 3_600_000,
    recipient,
    schedule: {
      resolutionId: 'res-80-123',
      taskId: `report-${locale}`,
      occurrence: '2026-06-15',
      zone: 'Europe/Zurich',
      dueDate: '2026-06-15',
      dueTime: '17:00',
      policy: {
        reminders: ['P7D'],
        sendAt: '09:00',
        overdueEvery: 'P7D',
        escalateAfter: null,
        skipWeekends: true,
      },
      assignees: [recipient],
      manager,
    },
    info: {
      resolutionTitle:
        'Strengthening of the coordination of emergency humanitarian assistance of the United Nations',
      title: TITLES[locale],
      clause: 'requests the Secretary-General to submit 12(b)',
      responsible: 'Office for the Coordination of Humanitarian Affairs',
      deliverables: [],
      dependsOn: [],
      tags: [],
    },
    dueAt,
    missing: [
      { id: 'annex', title: DELIVERABLES[locale], kind: 'document' },
      {
        id: 'symbol',
        title: 'A/80/123/Add.1/Corr.2-ReplacementOfTheStatisticalAnnexUnbrokenSymbolText',
        kind: 'link',
      },
    ],
    sequence: 0,
  };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    // Nothing leaves the machine: the mail has no remote images or fonts.
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    );
    for (const locale of LOCALES) {
      const mail = composeNotice(reminder(locale), {
        from: 'Mandate tracker <mandates@example.org>',
        publicUrl: 'http://localhost:8080',
        linkSecret: 'render-secret',
        now: Date.parse('2026-06-08T10:00:00Z'),
      });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.setContent(mail.html, { waitUntil: 'load' });
        const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
        const dir = String(await page.evaluate('getComputedStyle(document.body).direction'));
        const file = join(OUT, `${locale}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const ok = scrollWidth <= width;
        console.log(
          `${ok ? 'ok  ' : 'FAIL'} ${locale} ${width}px: scrollWidth ${scrollWidth}, direction ${dir} -> ${file}`,
        );
        if (!ok) problems.push(`${locale} at ${width}px is ${scrollWidth}px wide`);
        const expectedDir = locale === 'ar' ? 'rtl' : 'ltr';
        if (dir !== expectedDir) problems.push(`${locale} at ${width}px runs ${dir}`);
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
