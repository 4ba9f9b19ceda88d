/**
 * The weekly digest's wording in the six official UN languages; labels it
 * shares with the other notices (due, clause, colon, footer) come from
 * mail-words. Dates are formatted by Intl in the reader's locale.
 */
import type { Locale } from '../shared/types';

export interface DigestWords {
  subject: (resolution: string, weekOf: string) => string;
  intro: { manager: string; secretariat: string };
  overdue: string;
  dueSoon: string;
  awaitingReview: string;
  handedIn: string;
}

export const DIGEST_WORDS: Record<Locale, DigestWords> = {
  en: {
    subject: (r, w) => `Weekly digest: ${r}, week of ${w}`,
    intro: {
      manager: 'These tasks you manage under the resolution below need attention this week.',
      secretariat: 'These tasks of the resolution below need attention this week.',
    },
    overdue: 'Overdue',
    dueSoon: 'Due in the next 14 days',
    awaitingReview: 'Handed in, waiting for review',
    handedIn: 'Handed in',
  },
  fr: {
    subject: (r, w) => `Synthèse hebdomadaire\u00a0: ${r}, semaine du ${w}`,
    intro: {
      manager:
        'Ces tâches dont vous êtes responsable au titre de la résolution ci-dessous demandent votre attention cette semaine.',
      secretariat:
        'Ces tâches de la résolution ci-dessous demandent votre attention cette semaine.',
    },
    overdue: 'En retard',
    dueSoon: 'Échéance dans les 14 prochains jours',
    awaitingReview: 'Remis, en attente d’examen',
    handedIn: 'Remis',
  },
  es: {
    subject: (r, w) => `Resumen semanal: ${r}, semana del ${w}`,
    intro: {
      manager:
        'Estas tareas de las que usted es responsable en virtud de la resolución indicada requieren atención esta semana.',
      secretariat: 'Estas tareas de la resolución indicada requieren atención esta semana.',
    },
    overdue: 'Vencidas',
    dueSoon: 'Vencen en los próximos 14 días',
    awaitingReview: 'Entregadas, pendientes de revisión',
    handedIn: 'Entregado',
  },
  ru: {
    subject: (r, w) => `Еженедельная сводка: ${r}, неделя с ${w}`,
    intro: {
      manager:
        'Эти задачи, которыми вы руководите в соответствии с указанной резолюцией, требуют внимания на этой неделе.',
      secretariat: 'Эти задачи по указанной резолюции требуют внимания на этой неделе.',
    },
    overdue: 'Просрочено',
    dueSoon: 'Срок в ближайшие 14 дней',
    awaitingReview: 'Представлено, ожидает рассмотрения',
    handedIn: 'Представлено',
  },
  zh: {
    subject: (r, w) => `每周摘要：${r}，${w}当周`,
    intro: {
      manager: '您根据以下决议主管的这些任务本周需要关注。',
      secretariat: '以下决议的这些任务本周需要关注。',
    },
    overdue: '已逾期',
    dueSoon: '未来 14 天内到期',
    awaitingReview: '已提交，待审核',
    handedIn: '已提交',
  },
  ar: {
    subject: (r, w) => `الموجز الأسبوعي: ${r}، أسبوع ${w}`,
    intro: {
      manager:
        'تحتاج هذه المهام التي تتولون مسؤوليتها بموجب القرار أدناه إلى اهتمامكم هذا الأسبوع.',
      secretariat: 'تحتاج هذه المهام الواردة في القرار أدناه إلى الاهتمام هذا الأسبوع.',
    },
    overdue: 'متأخرة',
    dueSoon: 'يحلّ موعدها خلال الأيام الأربعة عشر القادمة',
    awaitingReview: 'قُدّمت وتنتظر المراجعة',
    handedIn: 'قُدّم',
  },
};
