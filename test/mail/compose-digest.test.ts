import { describe, expect, it } from 'vitest';
import { composeDigest, taskPageUrl } from '../../src/mail/compose-digest';
import { digestContent } from '../../src/digest/digest-content';
import type { DigestItem, DigestMailRequest } from '../../src/shared/digest';
import type { TaskView } from '../../src/shared/task-view';
import { LOCALES, type Locale } from '../../src/shared/types';
import { validateCatalogText } from '../../src/catalog/validate';
import { digestRecipients, secretariatAddress } from '../../src/client/digest-schedules';
import { loadConfig } from '../../src/config/config';

const AT = Date.parse('2027-03-08T07:00:00Z');
const DAY = 86_400_000;

function item(title: string): DigestItem {
  return {
    workflowId: 'res-1/task a/2027-03-04',
    title,
    clause: 'requests 1',
    responsible: 'Secretariat',
    status: 'overdue',
    dueAt: Date.parse('2027-03-04T23:00:00Z'),
    due: { date: '2027-03-04' },
    zone: 'Europe/Zurich',
    tentative: false,
    handedIn: [],
  };
}

function request(locale: Locale, title = 'The report'): DigestMailRequest {
  return {
    input: {
      resolutionId: 'res-1',
      resolutionTitle: 'A resolution',
      recipient: {
        key: 'boss',
        name: 'Boss',
        email: 'boss@example.org',
        timezone: 'Europe/Zurich',
        locale,
      },
      role: 'manager',
      at: AT,
    },
    content: { overdue: [item(title)], dueSoon: [], awaitingReview: [] },
    weekOf: '2027-03-08',
    messageId: '<digest.res-1.manager.boss.2027-03-08@mandate-tracker>',
  };
}

const options = {
  from: 'Mandate tracker <mandates@example.org>',
  publicUrl: 'http://localhost:8080/',
};

describe('the digest mail', () => {
  it.each(LOCALES)('is written in %s, only with the sections that have tasks', (locale) => {
    const mail = composeDigest(request(locale), options);
    expect(mail.subject).toContain('A resolution');
    expect(mail.headers['Content-Language']).toBe(locale);
    expect(mail.html).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
    expect(mail.text).toContain('The report');
    // One section: the other two headings are not there.
    expect(mail.text.match(/\(\d+\)$/gm)).toEqual(['(1)']);
  });

  it('escapes what the catalog says and links each task page with its id encoded', () => {
    const mail = composeDigest(request('en', '<script>alert(1)</script>'), options);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('http://localhost:8080/tasks/res-1/task%20a/2027-03-04');
    expect(taskPageUrl('http://x.example/', 'r/t/o')).toBe('http://x.example/tasks/r/t/o');
    expect(mail.messageId).toBe('<digest.res-1.manager.boss.2027-03-08@mandate-tracker>');
    expect(mail.date).toBe('Mon, 08 Mar 2027 08:00:00 +0100');
  });
});

function view(
  id: string,
  status: TaskView['status'],
  dueInDays: number,
  manager?: string,
): TaskView {
  return {
    workflowId: `res-1/${id}/o`,
    resolution: { id: 'res-1', title: 'A resolution', zone: 'Europe/Zurich' },
    task: { id, title: id, clause: 'c', responsible: 'r', tags: [], dependsOn: [] },
    occurrence: 'o',
    status,
    closed: status === 'completed' || status === 'waived',
    dueAt: AT + dueInDays * DAY,
    due: { date: '2027-03-10' },
    catalogDue: { date: '2027-03-10' },
    tentative: false,
    policy: {
      reminders: [],
      sendAt: '09:00',
      overdueEvery: null,
      escalateAfter: null,
      skipWeekends: true,
    },
    assignees: [],
    ...(manager
      ? {
          manager: {
            key: manager,
            name: manager,
            email: `${manager}@x`,
            timezone: 'UTC',
            locale: 'en',
          },
        }
      : {}),
    deliverables: [],
    sequence: 0,
    startedAt: 0,
    history: [],
    sending: 0,
    next: [],
  };
}

describe('what the digest lists', () => {
  const views = [
    view('late', 'overdue', -2, 'boss'),
    view('soon', 'returned', 14, 'boss'),
    view('later', 'open', 15, 'boss'),
    view('handed', 'submitted', 30, 'boss'),
    view('held', 'on-hold', 3, 'boss'),
    view('done', 'completed', 3, 'boss'),
    view('theirs', 'open', 3, 'other'),
  ];
  const ids = (items: DigestItem[]) => items.map((i) => i.title);

  it("takes a manager's own open tasks: overdue, due within 14 days, waiting for review", () => {
    const content = digestContent(views, { role: 'manager', personKey: 'boss' }, AT);
    expect(ids(content.overdue)).toEqual(['late']);
    expect(ids(content.dueSoon)).toEqual(['soon']);
    expect(ids(content.awaitingReview)).toEqual(['handed']);
  });

  it("gives the secretariat everyone's", () => {
    const content = digestContent(views, { role: 'secretariat', personKey: 'secretariat' }, AT);
    expect(ids(content.dueSoon)).toEqual(['theirs', 'soon']);
  });
});

describe("the secretariat's digest language", () => {
  const catalog = validateCatalogText(`
version: 1
resolution: { id: digest-lang, title: Digest language, adoptedBy: Council, timezone: Europe/Zurich }
people:
  boss: { name: Boss, email: boss@example.org, locale: zh }
tasks:
  - { id: t, clause: resolves 1, title: T, responsible: S, assignees: [boss], manager: boss, due: 2031-01-06, deliverables: [] }
`).catalog!;

  it('is English by default and the configured one otherwise; a manager reads their own', () => {
    const of = (locale?: Locale) =>
      digestRecipients(
        catalog,
        secretariatAddress({
          mailFrom: 'Secretariat <sec@example.org>',
          ...(locale ? { secretariatLocale: locale } : {}),
        }),
      ).map((r) => [r.role, r.recipient.locale]);
    expect(of()).toEqual([
      ['manager', 'zh'],
      ['secretariat', 'en'],
    ]);
    expect(of('ar')).toEqual([
      ['manager', 'zh'],
      ['secretariat', 'ar'],
    ]);
  });

  it('rejects a language that is not one of the six, naming the variable', () => {
    expect(() => loadConfig({ MANDATE_SECRETARIAT_LOCALE: 'de' }, '/tmp')).toThrow(
      /MANDATE_SECRETARIAT_LOCALE: "de" is not one of ar, zh, en, fr, ru, es/,
    );
    expect(loadConfig({ MANDATE_SECRETARIAT_LOCALE: 'zh' }, '/tmp').secretariatLocale).toBe('zh');
  });
});
