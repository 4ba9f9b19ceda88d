/**
 * The one way a history entry reads for people: the task page, `mandate
 * status` and the API's readers word the recorded facts here, in the reader's
 * language, so a history recorded once reads in all six.
 */
import type { ScheduleChange } from '../occurrence/schedule-changes';
import { describeDue, recordedPhrase } from '../occurrence/schedule-changes';
import type { HistoryEntry, ReceivedVia } from '../shared/task-state';
import type { Locale } from '../shared/types';

interface HistoryWords {
  /** Before a reason or a list, and between items, as the language sets them. */
  colon: string;
  semicolon: string;
  mailTo: (kind: string, to: string) => string;
  sent: string;
  failed: (error: string) => string;
  handedIn: (deliverable: string, by: string, late: boolean) => string;
  /** Staff handed it in for a person: for whom and how it came, set off as the language sets an aside. */
  handedInFor: (person: string, via: ReceivedVia) => string;
  /** The assignee replied to a task mail with it: the reply's Message-ID. */
  handedInByMail: (messageId: string) => string;
  reviewed: (deliverable: string, accepted: boolean, by: string) => string;
  extended: (by: string, from: string, to: string) => string;
  reassigned: (by: string, to: string) => string;
  manager: (key: string) => string;
  revised: (by: string) => string;
  kept: (fields: string) => string;
  waived: (by: string) => string;
  held: (by: string) => string;
  resumed: (by: string, days: number, from: string, to: string) => string;
  completed: (by: string) => string;
  completedBefore: (on: string) => string;
  bounced: (permanent: boolean, to: string) => string;
  started: (due: string) => string;
  change: {
    due: (from: string, to: string) => string;
    tentative: (tentative: boolean) => string;
    recurrence: string;
    policy: string;
    assignees: (from: string, to: string) => string;
    manager: (from: string, to: string) => string;
    info: string;
  };
  fields: { assignees: string; manager: string };
}

const none = '-';

const WORDS: Record<Locale, HistoryWords> = {
  en: {
    colon: ': ',
    semicolon: '; ',
    mailTo: (k, to) => `${k} to ${to}`,
    sent: 'sent',
    failed: (e) => `failed (${e})`,
    handedIn: (d, by, late) => `${d} handed in by ${by}${late ? ' (late)' : ''}`,
    handedInByMail: (id) => ` (by replying to a mail, ${id})`,
    handedInFor: (p, via) =>
      ` (for ${p}, received ${{ post: 'by post', hand: 'by hand', mail: 'by mail', other: 'another way' }[via]})`,
    reviewed: (d, ok, by) => `${d} ${ok ? 'accepted' : 'returned'} by ${by}`,
    extended: (by, from, to) => `extended by ${by} from ${from} to ${to}`,
    reassigned: (by, to) => `reassigned by ${by} to ${to}`,
    manager: (k) => `manager ${k}`,
    revised: (by) => `catalog change by ${by}`,
    kept: (f) => `kept the person's ${f}`,
    waived: (by) => `waived by ${by}`,
    held: (by) => `put on hold by ${by}`,
    resumed: (by, days, from, to) =>
      `resumed by ${by} after ${days} day${days === 1 ? '' : 's'} on hold; due ${from} -> ${to}`,
    completed: (by) => `completed (${by})`,
    completedBefore: (on) => `completed (catalog: completed ${on})`,
    bounced: (p, to) => `${p ? 'bounced' : 'delayed'} for ${to}`,
    started: (due) => `started, due ${due}`,
    change: {
      due: (f, t) => `due ${f} -> ${t}`,
      tentative: (t) => (t ? 'date now tentative' : 'date confirmed'),
      recurrence: 'recurrence',
      policy: 'reminder policy',
      assignees: (f, t) => `assignees ${f} -> ${t}`,
      manager: (f, t) => `manager ${f} -> ${t}`,
      info: 'task description',
    },
    fields: { assignees: 'assignees', manager: 'manager' },
  },
  fr: {
    colon: ' : ',
    semicolon: ' ; ',
    mailTo: (k, to) => `${k} à ${to}`,
    sent: 'envoyé',
    failed: (e) => `échec (${e})`,
    handedIn: (d, by, late) => `${d} remis par ${by}${late ? ' (en retard)' : ''}`,
    handedInByMail: (id) => ` (en réponse à un courriel, ${id})`,
    handedInFor: (p, via) =>
      ` (pour ${p}, reçu ${{ post: 'par la poste', hand: 'en main propre', mail: 'par courrier électronique', other: 'par une autre voie' }[via]})`,
    reviewed: (d, ok, by) => `${d} ${ok ? 'accepté' : 'renvoyé'} par ${by}`,
    extended: (by, from, to) => `échéance reportée par ${by} du ${from} au ${to}`,
    reassigned: (by, to) => `réattribuée par ${by} à ${to}`,
    manager: (k) => `responsable ${k}`,
    revised: (by) => `modification du catalogue par ${by}`,
    kept: (f) => `choix de la personne conservé : ${f}`,
    waived: (by) => `levée par ${by}`,
    held: (by) => `suspendue par ${by}`,
    resumed: (by, days, from, to) =>
      `reprise par ${by} après ${days} jour${days > 1 ? 's' : ''} de suspension ; échéance ${from} -> ${to}`,
    completed: (by) => `terminée (${by})`,
    completedBefore: (on) => `terminée (catalogue : terminée le ${on})`,
    bounced: (p, to) => `${p ? 'non distribué' : 'retardé'} pour ${to}`,
    started: (due) => `commencée, échéance ${due}`,
    change: {
      due: (f, t) => `échéance ${f} -> ${t}`,
      tentative: (t) => (t ? 'date désormais provisoire' : 'date confirmée'),
      recurrence: 'récurrence',
      policy: 'règles de rappel',
      assignees: (f, t) => `personnes chargées ${f} -> ${t}`,
      manager: (f, t) => `responsable ${f} -> ${t}`,
      info: 'description de la tâche',
    },
    fields: { assignees: 'personnes chargées', manager: 'responsable' },
  },
  es: {
    colon: ': ',
    semicolon: '; ',
    mailTo: (k, to) => `${k} a ${to}`,
    sent: 'enviado',
    failed: (e) => `no entregado (${e})`,
    handedIn: (d, by, late) => `${d} entregado por ${by}${late ? ' (con retraso)' : ''}`,
    handedInByMail: (id) => ` (en respuesta a un correo, ${id})`,
    handedInFor: (p, via) =>
      ` (en nombre de ${p}, recibido ${{ post: 'por correo postal', hand: 'en mano', mail: 'por correo electrónico', other: 'por otra vía' }[via]})`,
    reviewed: (d, ok, by) => `${d} ${ok ? 'aceptado' : 'devuelto'} por ${by}`,
    extended: (by, from, to) => `plazo prorrogado por ${by} del ${from} al ${to}`,
    reassigned: (by, to) => `reasignada por ${by} a ${to}`,
    manager: (k) => `responsable ${k}`,
    revised: (by) => `cambio del catálogo por ${by}`,
    kept: (f) => `se mantuvo lo elegido por la persona: ${f}`,
    waived: (by) => `dispensada por ${by}`,
    held: (by) => `en suspenso por decisión de ${by}`,
    resumed: (by, days, from, to) =>
      `reanudada por ${by} tras ${days} día${days === 1 ? '' : 's'} en suspenso; plazo ${from} -> ${to}`,
    completed: (by) => `terminada (${by})`,
    completedBefore: (on) => `terminada (catálogo: terminada el ${on})`,
    bounced: (p, to) => `${p ? 'rebotado' : 'demorado'} para ${to}`,
    started: (due) => `iniciada, plazo ${due}`,
    change: {
      due: (f, t) => `plazo ${f} -> ${t}`,
      tentative: (t) => (t ? 'fecha ahora provisional' : 'fecha confirmada'),
      recurrence: 'periodicidad',
      policy: 'recordatorios',
      assignees: (f, t) => `personas encargadas ${f} -> ${t}`,
      manager: (f, t) => `responsable ${f} -> ${t}`,
      info: 'descripción de la tarea',
    },
    fields: { assignees: 'personas encargadas', manager: 'responsable' },
  },
  ru: {
    colon: ': ',
    semicolon: '; ',
    mailTo: (k, to) => `${k} для ${to}`,
    sent: 'отправлено',
    failed: (e) => `не доставлено (${e})`,
    handedIn: (d, by, late) => `${d}: сдано (${by})${late ? ', с опозданием' : ''}`,
    handedInByMail: (id) => ` (ответом на письмо, ${id})`,
    handedInFor: (p, via) =>
      ` (от имени ${p}, получено ${{ post: 'по почте', hand: 'лично', mail: 'по электронной почте', other: 'иным способом' }[via]})`,
    reviewed: (d, ok, by) => `${d}: ${ok ? 'принято' : 'возвращено'} (${by})`,
    extended: (by, from, to) => `срок продлён (${by}) с ${from} до ${to}`,
    reassigned: (by, to) => `переназначено (${by}): ${to}`,
    manager: (k) => `руководитель ${k}`,
    revised: (by) => `изменение каталога (${by})`,
    kept: (f) => `сохранено решение сотрудника: ${f}`,
    waived: (by) => `отменено (${by})`,
    held: (by) => `приостановлено (${by})`,
    resumed: (by, days, from, to) =>
      `возобновлено (${by}) после приостановки, дней: ${days}; срок ${from} -> ${to}`,
    completed: (by) => `выполнено (${by})`,
    completedBefore: (on) => `выполнено (каталог: выполнено ${on})`,
    bounced: (p, to) => `${p ? 'не доставлено' : 'задержано'}: ${to}`,
    started: (due) => `начато, срок ${due}`,
    change: {
      due: (f, t) => `срок ${f} -> ${t}`,
      tentative: (t) => (t ? 'дата теперь предварительная' : 'дата подтверждена'),
      recurrence: 'периодичность',
      policy: 'напоминания',
      assignees: (f, t) => `исполнители ${f} -> ${t}`,
      manager: (f, t) => `руководитель ${f} -> ${t}`,
      info: 'описание задачи',
    },
    fields: { assignees: 'исполнители', manager: 'руководитель' },
  },
  zh: {
    colon: '：',
    semicolon: '；',
    mailTo: (k, to) => `${k} 发给 ${to}`,
    sent: '已发送',
    failed: (e) => `发送失败（${e}）`,
    handedIn: (d, by, late) => `${d} 由 ${by} 提交${late ? '（逾期）' : ''}`,
    handedInByMail: (id) => `（通过回复邮件提交，${id}）`,
    handedInFor: (p, via) =>
      `（代 ${p} 提交，${{ post: '邮寄收到', hand: '当面收到', mail: '电子邮件收到', other: '以其他方式收到' }[via]}）`,
    reviewed: (d, ok, by) => `${d} 由 ${by} ${ok ? '接受' : '退回'}`,
    extended: (by, from, to) => `${by} 将截止日期从 ${from} 延至 ${to}`,
    reassigned: (by, to) => `${by} 改派给 ${to}`,
    manager: (k) => `主管 ${k}`,
    revised: (by) => `${by} 更改了目录`,
    kept: (f) => `保留了人员所作的更改：${f}`,
    waived: (by) => `${by} 免除了此任务`,
    held: (by) => `${by} 暂停了此任务`,
    resumed: (by, days, from, to) =>
      `${by} 在暂停 ${days} 天后恢复了此任务；截止日期 ${from} -> ${to}`,
    completed: (by) => `已完成（${by}）`,
    completedBefore: (on) => `已完成（目录：${on} 完成）`,
    bounced: (p, to) => `${p ? '退信' : '延迟'}：${to}`,
    started: (due) => `已开始，截止日期 ${due}`,
    change: {
      due: (f, t) => `截止日期 ${f} -> ${t}`,
      tentative: (t) => (t ? '日期现为暂定' : '日期已确认'),
      recurrence: '周期',
      policy: '提醒规则',
      assignees: (f, t) => `负责人 ${f} -> ${t}`,
      manager: (f, t) => `主管 ${f} -> ${t}`,
      info: '任务说明',
    },
    fields: { assignees: '负责人', manager: '主管' },
  },
  ar: {
    colon: ': ',
    semicolon: '؛ ',
    mailTo: (k, to) => `${k} إلى ${to}`,
    sent: 'أُرسلت',
    failed: (e) => `تعذّر التسليم (${e})`,
    handedIn: (d, by, late) => `${d}: سلّمه ${by}${late ? ' (متأخراً)' : ''}`,
    handedInByMail: (id) => ` (بالرد على رسالة، ${id})`,
    handedInFor: (p, via) =>
      ` (نيابةً عن ${p}، ورد ${{ post: 'بالبريد', hand: 'باليد', mail: 'بالبريد الإلكتروني', other: 'بطريقة أخرى' }[via]})`,
    reviewed: (d, ok, by) => `${d}: ${ok ? 'قبله' : 'أعاده'} ${by}`,
    extended: (by, from, to) => `مدّد ${by} الموعد من ${from} إلى ${to}`,
    reassigned: (by, to) => `أعاد ${by} الإسناد إلى ${to}`,
    manager: (k) => `المدير ${k}`,
    revised: (by) => `تغيير في الفهرس أجراه ${by}`,
    kept: (f) => `أُبقي على ما غيّره الشخص: ${f}`,
    waived: (by) => `أعفى ${by} من المهمة`,
    held: (by) => `علّق ${by} المهمة`,
    resumed: (by, days, from, to) =>
      `استأنف ${by} المهمة بعد تعليق دام ${days} يوماً؛ الموعد ${from} -> ${to}`,
    completed: (by) => `أُنجزت (${by})`,
    completedBefore: (on) => `أُنجزت (الفهرس: أُنجزت في ${on})`,
    bounced: (p, to) => `${p ? 'رُدّت الرسالة' : 'تأخّرت الرسالة'}: ${to}`,
    started: (due) => `بدأت، الموعد ${due}`,
    change: {
      due: (f, t) => `الموعد ${f} -> ${t}`,
      tentative: (t) => (t ? 'التاريخ الآن مؤقت' : 'تأكّد التاريخ'),
      recurrence: 'التكرار',
      policy: 'قواعد التذكير',
      assignees: (f, t) => `المكلّفون ${f} -> ${t}`,
      manager: (f, t) => `المدير ${f} -> ${t}`,
      info: 'وصف المهمة',
    },
    fields: { assignees: 'المكلّفون', manager: 'المدير' },
  },
};

/** One schedule change in words. */
export function describeScheduleChange(change: ScheduleChange, locale: Locale = 'en'): string {
  const w = WORDS[locale].change;
  switch (change.field) {
    case 'due':
      return w.due(
        describeDue(change.from.date, change.from.time),
        describeDue(change.to.date, change.to.time),
      );
    case 'tentative':
      return w.tentative(change.to);
    case 'recurrence':
      return w.recurrence;
    case 'policy':
      return w.policy;
    case 'assignees':
      return w.assignees(change.from.join(','), change.to.join(','));
    case 'manager':
      return w.manager(change.from ?? none, change.to ?? none);
    case 'info':
      return w.info;
    case 'note':
      return change.text;
  }
}

/** The facts of a revision, whether recorded as facts or (before them) as English phrases. */
export function revisionChanges(changes: readonly (ScheduleChange | string)[]): ScheduleChange[] {
  return changes.map((c) => (typeof c === 'string' ? recordedPhrase(c) : c));
}

export function describeHistoryEntry(entry: HistoryEntry, locale: Locale = 'en'): string {
  const w = WORDS[locale];
  const reason = (text: string | undefined): string => (text ? `${w.colon}${text}` : '');
  switch (entry.type) {
    case 'message': {
      const m = entry.message;
      const outcome = m.delivered ? w.sent : w.failed(m.error ?? 'rejected');
      // Kinds of mail are the product's own terms (as in the API), the same in every language.
      return `${w.mailTo(`${m.kind}${m.offset ? ` ${m.offset}` : ''}`, m.to)}${w.colon}${outcome} ${m.messageId}`;
    }
    case 'submitted':
      return `${w.handedIn(entry.deliverableId, entry.by, entry.late)}${entry.for ? `${w.handedInFor(entry.for.person, entry.for.via)}${reason(entry.for.note)}` : ''}${entry.mail ? w.handedInByMail(entry.mail.messageId) : ''}`;
    case 'reviewed':
      return `${w.reviewed(entry.deliverableId, entry.decision === 'accept', entry.by)}${reason(entry.comment)}`;
    case 'extended':
      return `${w.extended(entry.by, entry.from, entry.to)}${reason(entry.reason)}`;
    case 'reassigned':
      return `${w.reassigned(entry.by, entry.assignees.join(', '))}${entry.manager ? ` (${w.manager(entry.manager)})` : ''}${reason(entry.reason)}`;
    case 'revised': {
      const changes = revisionChanges(entry.changes).map((c) => describeScheduleChange(c, locale));
      const kept = entry.kept?.length
        ? `${w.semicolon}${w.kept(entry.kept.map((f) => w.fields[f]).join(', '))}`
        : '';
      return `${w.revised(entry.by)}${w.colon}${changes.join(w.semicolon)}${kept}`;
    }
    case 'waived':
      return `${w.waived(entry.by)}${reason(entry.reason)}`;
    case 'held':
      return `${w.held(entry.by)}${reason(entry.reason)}`;
    case 'resumed':
      return `${w.resumed(entry.by, entry.days, entry.from, entry.to)}${reason(entry.reason)}`;
    case 'completed': {
      // Recorded as `catalog (completed <date>)` before the date was kept as a fact.
      const on = entry.on ?? /^catalog \(completed (\d{4}-\d{2}-\d{2})\)$/.exec(entry.by)?.[1];
      return on ? w.completedBefore(on) : w.completed(entry.by);
    }
    case 'bounced':
      return `${w.bounced(entry.permanent, entry.to)}${entry.status ? ` (${entry.status})` : ''}${w.colon}${entry.diagnostic} ${entry.messageId}`;
    case 'started':
      return w.started(describeDue(entry.dueDate, entry.dueTime));
  }
}
