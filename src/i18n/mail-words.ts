/**
 * Mail wording in the six official UN languages. Dates and durations are
 * formatted by Intl (through luxon) in the recipient's locale; these are the
 * sentences around them.
 */
import type { Locale } from '../shared/types';

export interface MailWords {
  dir: 'ltr' | 'rtl';
  subject: {
    reminder: (title: string, due: string) => string;
    overdue: (title: string) => string;
    escalation: (title: string) => string;
    cancellation: (title: string) => string;
    'delivery-failure': (title: string) => string;
  };
  intro: {
    reminder: string;
    overdue: string;
    escalation: string;
    cancellation: string;
    'delivery-failure': string;
  };
  task: string;
  clause: string;
  responsible: string;
  due: string;
  timeLeft: (left: string) => string;
  overdueBy: (late: string) => string;
  missing: string;
  nothingMissing: string;
  handIn: string;
  contact: string;
  failure: (to: string, error: string) => string;
  footer: string;
}

export const WORDS: Record<Locale, MailWords> = {
  en: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Reminder: ${t} is due ${d}`,
      overdue: (t) => `Overdue: ${t}`,
      escalation: (t) => `Escalation: ${t} is overdue`,
      cancellation: (t) => `Cancelled: ${t}`,
      'delivery-failure': (t) => `Undeliverable notice: ${t}`,
    },
    intro: {
      reminder: 'This is a reminder of a task assigned to you under the resolution below.',
      overdue:
        'The deadline of this task has passed and some deliverables have not been handed in.',
      escalation: 'You are the manager of this task. It is overdue and is escalated to you.',
      cancellation: 'This task has been waived. No deliverable is expected any more.',
      'delivery-failure': 'A notice of this task could not be delivered.',
    },
    task: 'Task',
    clause: 'Clause',
    responsible: 'Responsible',
    due: 'Due',
    timeLeft: (l) => `Time left: ${l}`,
    overdueBy: (l) => `Overdue by ${l}`,
    missing: 'Still to hand in',
    nothingMissing: 'Nothing is missing.',
    handIn: 'Hand in your deliverable',
    contact: 'Questions? Contact',
    failure: (to, e) => `The notice to ${to} was rejected: ${e}`,
    footer: 'This is a mandatory notice of the mandate tracker; it cannot be unsubscribed.',
  },
  fr: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Rappel : ${t}, échéance ${d}`,
      overdue: (t) => `En retard : ${t}`,
      escalation: (t) => `Escalade : ${t} est en retard`,
      cancellation: (t) => `Annulé : ${t}`,
      'delivery-failure': (t) => `Avis non distribué : ${t}`,
    },
    intro: {
      reminder:
        'Ceci est un rappel d’une tâche qui vous est confiée au titre de la résolution ci-dessous.',
      overdue: 'L’échéance de cette tâche est passée et certains produits n’ont pas été remis.',
      escalation: 'Vous êtes responsable de cette tâche. Elle est en retard et vous est signalée.',
      cancellation: 'Il a été renoncé à cette tâche. Aucun produit n’est plus attendu.',
      'delivery-failure': 'Un avis concernant cette tâche n’a pas pu être remis.',
    },
    task: 'Tâche',
    clause: 'Disposition',
    responsible: 'Responsable',
    due: 'Échéance',
    timeLeft: (l) => `Temps restant : ${l}`,
    overdueBy: (l) => `En retard de ${l}`,
    missing: 'Reste à remettre',
    nothingMissing: 'Rien ne manque.',
    handIn: 'Remettre votre contribution',
    contact: 'Des questions ? Contactez',
    failure: (to, e) => `L’avis adressé à ${to} a été refusé : ${e}`,
    footer: 'Avis obligatoire du suivi des mandats ; il n’est pas possible de s’en désabonner.',
  },
  es: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Recordatorio: ${t} vence el ${d}`,
      overdue: (t) => `Vencido: ${t}`,
      escalation: (t) => `Escalamiento: ${t} está vencido`,
      cancellation: (t) => `Cancelado: ${t}`,
      'delivery-failure': (t) => `Aviso no entregado: ${t}`,
    },
    intro: {
      reminder:
        'Le recordamos una tarea que se le ha asignado en virtud de la resolución indicada.',
      overdue: 'El plazo de esta tarea ha vencido y faltan productos por entregar.',
      escalation: 'Usted es el responsable de esta tarea. Está vencida y se le remite.',
      cancellation: 'Se ha renunciado a esta tarea. Ya no se espera ningún producto.',
      'delivery-failure': 'No se pudo entregar un aviso de esta tarea.',
    },
    task: 'Tarea',
    clause: 'Disposición',
    responsible: 'Responsable',
    due: 'Vencimiento',
    timeLeft: (l) => `Tiempo restante: ${l}`,
    overdueBy: (l) => `Vencida hace ${l}`,
    missing: 'Pendiente de entrega',
    nothingMissing: 'No falta nada.',
    handIn: 'Entregar su contribución',
    contact: '¿Preguntas? Contacte con',
    failure: (to, e) => `El aviso a ${to} fue rechazado: ${e}`,
    footer: 'Aviso obligatorio del seguimiento de mandatos; no es posible darse de baja.',
  },
  ru: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Напоминание: срок «${t}» — ${d}`,
      overdue: (t) => `Просрочено: ${t}`,
      escalation: (t) => `Эскалация: «${t}» просрочено`,
      cancellation: (t) => `Отменено: ${t}`,
      'delivery-failure': (t) => `Уведомление не доставлено: ${t}`,
    },
    intro: {
      reminder: 'Напоминаем о задаче, порученной вам в соответствии с указанной резолюцией.',
      overdue: 'Срок выполнения задачи истёк, а некоторые материалы не представлены.',
      escalation: 'Вы руководитель этой задачи. Она просрочена и передана вам.',
      cancellation: 'От этой задачи отказались. Материалы больше не ожидаются.',
      'delivery-failure': 'Уведомление по этой задаче не удалось доставить.',
    },
    task: 'Задача',
    clause: 'Пункт',
    responsible: 'Ответственный',
    due: 'Срок',
    timeLeft: (l) => `Осталось: ${l}`,
    overdueBy: (l) => `Просрочено на ${l}`,
    missing: 'Ещё не представлено',
    nothingMissing: 'Всё представлено.',
    handIn: 'Представить материалы',
    contact: 'Вопросы? Обращайтесь:',
    failure: (to, e) => `Уведомление для ${to} отклонено: ${e}`,
    footer: 'Обязательное уведомление системы контроля мандатов; отписаться нельзя.',
  },
  zh: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `提醒：${t}，截止日期 ${d}`,
      overdue: (t) => `已逾期：${t}`,
      escalation: (t) => `上报：${t} 已逾期`,
      cancellation: (t) => `已取消：${t}`,
      'delivery-failure': (t) => `通知无法送达：${t}`,
    },
    intro: {
      reminder: '特此提醒您根据以下决议承担的任务。',
      overdue: '此任务已过截止日期，仍有成果尚未提交。',
      escalation: '您是此任务的主管。该任务已逾期，现上报给您。',
      cancellation: '此任务已免除，不再需要提交任何成果。',
      'delivery-failure': '此任务的一则通知未能送达。',
    },
    task: '任务',
    clause: '条款',
    responsible: '负责机构',
    due: '截止',
    timeLeft: (l) => `剩余时间：${l}`,
    overdueBy: (l) => `已逾期 ${l}`,
    missing: '尚待提交',
    nothingMissing: '无缺项。',
    handIn: '提交您的成果',
    contact: '如有疑问，请联系',
    failure: (to, e) => `发给 ${to} 的通知被拒绝：${e}`,
    footer: '这是任务跟踪系统的强制通知，无法退订。',
  },
  ar: {
    dir: 'rtl',
    subject: {
      reminder: (t, d) => `تذكير: موعد ${t} هو ${d}`,
      overdue: (t) => `متأخر: ${t}`,
      escalation: (t) => `تصعيد: ${t} متأخر`,
      cancellation: (t) => `أُلغي: ${t}`,
      'delivery-failure': (t) => `تعذّر تسليم إشعار: ${t}`,
    },
    intro: {
      reminder: 'هذا تذكير بمهمة مسندة إليكم بموجب القرار المذكور أدناه.',
      overdue: 'انقضى الموعد النهائي لهذه المهمة ولم تُقدَّم بعض النواتج بعد.',
      escalation: 'أنتم المسؤولون عن هذه المهمة. لقد تأخرت وتُحال إليكم.',
      cancellation: 'أُعفي من هذه المهمة. لم يعد أي ناتج مطلوباً.',
      'delivery-failure': 'تعذّر تسليم إشعار بشأن هذه المهمة.',
    },
    task: 'المهمة',
    clause: 'البند',
    responsible: 'الجهة المسؤولة',
    due: 'الموعد النهائي',
    timeLeft: (l) => `الوقت المتبقي: ${l}`,
    overdueBy: (l) => `متأخر بمقدار ${l}`,
    missing: 'ما زال مطلوباً',
    nothingMissing: 'لا شيء ناقص.',
    handIn: 'قدّموا الناتج',
    contact: 'للاستفسار، يُرجى الاتصال بـ',
    failure: (to, e) => `رُفض الإشعار الموجّه إلى ${to}: ${e}`,
    footer: 'هذا إشعار إلزامي من نظام متابعة الولايات؛ لا يمكن إلغاء الاشتراك فيه.',
  },
};
