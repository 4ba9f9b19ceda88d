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
    returned: (title: string) => string;
    accepted: (title: string) => string;
    extended: (title: string) => string;
    assigned: (title: string) => string;
    unassigned: (title: string) => string;
    'on-hold': (title: string) => string;
    resumed: (title: string) => string;
    rescheduled: (title: string) => string;
  };
  intro: {
    reminder: string;
    overdue: string;
    escalation: string;
    cancellation: string;
    'delivery-failure': string;
    returned: string;
    accepted: string;
    extended: string;
    assigned: string;
    unassigned: string;
    'on-hold': string;
    resumed: string;
    rescheduled: string;
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
  /** Said where replies hand in: attach the document to a reply to this mail. */
  replyToHandIn: string;
  /** Before the person's calendar feed address. */
  calendarFeed: string;
  contact: string;
  failure: (to: string, error: string) => string;
  footer: string;
  /** Deliverable kinds, as the reader says them. */
  kinds: Record<'document' | 'link' | 'text', string>;
  comment: string;
  reason: string;
  previousDue: string;
  handInAgain: string;
  /** Between a label and its value: French puts a no-break space before the colon. */
  colon: string;
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
      returned: (t) => `Returned: ${t}`,
      accepted: (t) => `Accepted: ${t}`,
      extended: (t) => `New due date: ${t}`,
      assigned: (t) => `Assigned to you: ${t}`,
      unassigned: (t) => `No longer assigned to you: ${t}`,
      'on-hold': (t) => `On hold: ${t}`,
      resumed: (t) => `Resumed: ${t}`,
      rescheduled: (t) => `Due date updated: ${t}`,
    },
    intro: {
      reminder: 'This is a reminder of a task assigned to you under the resolution below.',
      overdue:
        'The deadline of this task has passed and some deliverables have not been handed in.',
      escalation: 'You are the manager of this task. It is overdue and is escalated to you.',
      cancellation: 'This task has been waived. No deliverable is expected any more.',
      'delivery-failure': 'A notice of this task could not be delivered.',
      returned:
        "Your deliverable was returned. Please see the reviewer's comment and hand it in again.",
      accepted: 'Thank you: your deliverable was accepted. Nothing more is needed for this task.',
      extended: 'The due date of this task has been moved.',
      assigned: 'This task has been assigned to you.',
      unassigned: 'This task is no longer assigned to you. Nothing more is expected from you.',
      'on-hold': 'This task has been put on hold. No reminders are sent until it resumes.',
      resumed: 'Work on this task resumes. Its due date has moved by the time it was on hold.',
      rescheduled:
        'The due date of this task has been updated in the catalog of the resolution: it is now as shown below.',
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
    replyToHandIn: 'Or reply to this mail with the document attached: it is handed in for you.',
    calendarFeed: 'All your deadlines in your calendar (subscribe):',
    contact: 'Questions? Contact',
    failure: (to, e) => `The notice to ${to} was rejected: ${e}`,
    footer: 'This is a mandatory notice of the mandate tracker; it cannot be unsubscribed.',
    kinds: { document: 'document', link: 'link', text: 'text' },
    comment: "Reviewer's comment",
    reason: 'Reason',
    previousDue: 'Previous due date',
    handInAgain: 'Hand in again',
    colon: ': ',
  },
  fr: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Rappel\u00a0: ${t}, échéance ${d}`,
      overdue: (t) => `En retard\u00a0: ${t}`,
      escalation: (t) => `Escalade\u00a0: ${t} est en retard`,
      cancellation: (t) => `Annulé\u00a0: ${t}`,
      'delivery-failure': (t) => `Avis non distribué\u00a0: ${t}`,
      returned: (t) => `Renvoyé\u00a0: ${t}`,
      accepted: (t) => `Accepté\u00a0: ${t}`,
      extended: (t) => `Nouvelle échéance\u00a0: ${t}`,
      assigned: (t) => `Confié à vous\u00a0: ${t}`,
      unassigned: (t) => `Ne vous est plus confié\u00a0: ${t}`,
      'on-hold': (t) => `Suspendu\u00a0: ${t}`,
      resumed: (t) => `Repris\u00a0: ${t}`,
      rescheduled: (t) => `Échéance mise à jour\u00a0: ${t}`,
    },
    intro: {
      reminder:
        'Ceci est un rappel d’une tâche qui vous est confiée au titre de la résolution ci-dessous.',
      overdue: 'L’échéance de cette tâche est passée et certains produits n’ont pas été remis.',
      escalation: 'Vous êtes responsable de cette tâche. Elle est en retard et vous est signalée.',
      cancellation: 'Il a été renoncé à cette tâche. Aucun produit n’est plus attendu.',
      'delivery-failure': 'Un avis concernant cette tâche n’a pas pu être remis.',
      returned:
        'Votre contribution a été renvoyée. Veuillez lire le commentaire et la remettre à nouveau.',
      accepted:
        'Merci\u202f! Votre contribution a été acceptée. Plus rien n’est attendu pour cette tâche.',
      extended: 'L’échéance de cette tâche a été déplacée.',
      assigned: 'Cette tâche vous a été confiée.',
      unassigned: 'Cette tâche ne vous est plus confiée. Plus rien n’est attendu de vous.',
      'on-hold': 'Cette tâche est suspendue. Aucun rappel n’est envoyé jusqu’à sa reprise.',
      resumed: 'Cette tâche reprend. Son échéance a été reportée de la durée de la suspension.',
      rescheduled:
        'L’échéance de cette tâche a été mise à jour dans le catalogue de la résolution\u00a0: elle est désormais celle indiquée ci-dessous.',
    },
    task: 'Tâche',
    clause: 'Disposition',
    responsible: 'Responsable',
    due: 'Échéance',
    timeLeft: (l) => `Temps restant\u00a0: ${l}`,
    overdueBy: (l) => `En retard de ${l}`,
    missing: 'Reste à remettre',
    nothingMissing: 'Rien ne manque.',
    handIn: 'Remettre votre contribution',
    replyToHandIn:
      'Vous pouvez aussi répondre à ce message en joignant le document : il sera remis pour vous.',
    calendarFeed: 'Toutes vos échéances dans votre agenda (abonnement) :',
    contact: 'Des questions\u202f? Contactez',
    failure: (to, e) => `L’avis adressé à ${to} a été refusé\u00a0: ${e}`,
    footer:
      'Avis obligatoire du suivi des mandats\u202f; il n’est pas possible de s’en désabonner.',
    kinds: { document: 'document', link: 'lien', text: 'texte' },
    comment: 'Commentaire de l’examinateur',
    reason: 'Motif',
    previousDue: 'Ancienne échéance',
    handInAgain: 'Remettre à nouveau',
    colon: '\u00a0: ',
  },
  es: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Recordatorio: ${t} vence el ${d}`,
      overdue: (t) => `Vencido: ${t}`,
      escalation: (t) => `Escalamiento: ${t} está vencido`,
      cancellation: (t) => `Cancelado: ${t}`,
      'delivery-failure': (t) => `Aviso no entregado: ${t}`,
      returned: (t) => `Devuelto: ${t}`,
      accepted: (t) => `Aceptado: ${t}`,
      extended: (t) => `Nueva fecha límite: ${t}`,
      assigned: (t) => `Asignado a usted: ${t}`,
      unassigned: (t) => `Ya no asignado a usted: ${t}`,
      'on-hold': (t) => `En espera: ${t}`,
      resumed: (t) => `Reanudado: ${t}`,
      rescheduled: (t) => `Fecha límite actualizada: ${t}`,
    },
    intro: {
      reminder:
        'Le recordamos una tarea que se le ha asignado en virtud de la resolución indicada.',
      overdue: 'El plazo de esta tarea ha vencido y faltan productos por entregar.',
      escalation: 'Usted es el responsable de esta tarea. Está vencida y se le remite.',
      cancellation:
        'Se ha dispensado del cumplimiento de esta tarea. Ya no se espera ningún producto.',
      'delivery-failure': 'No se pudo entregar un aviso de esta tarea.',
      returned: 'Su producto fue devuelto. Lea el comentario del revisor y entréguelo de nuevo.',
      accepted: 'Gracias: su producto fue aceptado. No se necesita nada más para esta tarea.',
      extended: 'Se ha cambiado la fecha límite de esta tarea.',
      assigned: 'Se le ha asignado esta tarea.',
      unassigned: 'Esta tarea ya no está asignada a usted. No se espera nada más de usted.',
      'on-hold':
        'Esta tarea se ha puesto en espera. No se envían recordatorios hasta que se reanude.',
      resumed: 'Se reanuda esta tarea. Su fecha límite se ha aplazado por el tiempo en espera.',
      rescheduled:
        'La fecha límite de esta tarea se ha actualizado en el catálogo de la resolución: ahora es la que figura a continuación.',
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
    replyToHandIn:
      'También puede responder a este mensaje con el documento adjunto: se entregará por usted.',
    calendarFeed: 'Todos sus plazos en su calendario (suscripción):',
    contact: '¿Preguntas? Contacte con',
    failure: (to, e) => `El aviso a ${to} fue rechazado: ${e}`,
    footer: 'Aviso obligatorio del seguimiento de mandatos; no es posible darse de baja.',
    kinds: { document: 'documento', link: 'enlace', text: 'texto' },
    comment: 'Comentario del revisor',
    reason: 'Motivo',
    previousDue: 'Fecha límite anterior',
    handInAgain: 'Entregar de nuevo',
    colon: ': ',
  },
  ru: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `Напоминание: срок «${t}» — ${d}`,
      overdue: (t) => `Просрочено: ${t}`,
      escalation: (t) => `Эскалация: «${t}» просрочено`,
      cancellation: (t) => `Отменено: ${t}`,
      'delivery-failure': (t) => `Уведомление не доставлено: ${t}`,
      returned: (t) => `Возвращено: ${t}`,
      accepted: (t) => `Принято: ${t}`,
      extended: (t) => `Новый срок: ${t}`,
      assigned: (t) => `Поручено вам: ${t}`,
      unassigned: (t) => `Больше не поручено вам: ${t}`,
      'on-hold': (t) => `Приостановлено: ${t}`,
      resumed: (t) => `Возобновлено: ${t}`,
      rescheduled: (t) => `Срок обновлён: ${t}`,
    },
    intro: {
      reminder: 'Напоминаем о задаче, порученной вам в соответствии с указанной резолюцией.',
      overdue: 'Срок выполнения задачи истёк, а некоторые материалы не представлены.',
      escalation: 'Вы руководитель этой задачи. Она просрочена и передана вам.',
      cancellation: 'От этой задачи отказались. Материалы больше не ожидаются.',
      'delivery-failure': 'Уведомление по этой задаче не удалось доставить.',
      returned: 'Ваш материал возвращён. Ознакомьтесь с комментарием и представьте его снова.',
      accepted: 'Спасибо: ваш материал принят. По этой задаче больше ничего не требуется.',
      extended: 'Срок этой задачи перенесён.',
      assigned: 'Вам поручена эта задача.',
      unassigned: 'Эта задача больше не поручена вам. От вас больше ничего не ожидается.',
      'on-hold': 'Задача приостановлена. Напоминания не отправляются до её возобновления.',
      resumed: 'Работа над задачей возобновлена. Срок перенесён на время приостановки.',
      rescheduled: 'Срок этой задачи обновлён в каталоге резолюции: теперь он указан ниже.',
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
    replyToHandIn:
      'Или ответьте на это письмо, приложив документ: он будет представлен от вашего имени.',
    calendarFeed: 'Все ваши сроки в вашем календаре (подписка):',
    contact: 'Вопросы? Обращайтесь:',
    failure: (to, e) => `Уведомление для ${to} отклонено: ${e}`,
    footer: 'Обязательное уведомление системы контроля мандатов; отписаться нельзя.',
    kinds: { document: 'документ', link: 'ссылка', text: 'текст' },
    comment: 'Комментарий рецензента',
    reason: 'Причина',
    previousDue: 'Прежний срок',
    handInAgain: 'Представить снова',
    colon: ': ',
  },
  zh: {
    dir: 'ltr',
    subject: {
      reminder: (t, d) => `提醒：${t}，截止日期 ${d}`,
      overdue: (t) => `已逾期：${t}`,
      escalation: (t) => `上报：${t} 已逾期`,
      cancellation: (t) => `已取消：${t}`,
      'delivery-failure': (t) => `通知无法送达：${t}`,
      returned: (t) => `已退回：${t}`,
      accepted: (t) => `已接受：${t}`,
      extended: (t) => `新的截止日期：${t}`,
      assigned: (t) => `已分配给您：${t}`,
      unassigned: (t) => `不再分配给您：${t}`,
      'on-hold': (t) => `已暂停：${t}`,
      resumed: (t) => `已恢复：${t}`,
      rescheduled: (t) => `截止日期已更新：${t}`,
    },
    intro: {
      reminder: '特此提醒您根据以下决议承担的任务。',
      overdue: '此任务已过截止日期，仍有成果尚未提交。',
      escalation: '您是此任务的主管。该任务已逾期，现上报给您。',
      cancellation: '此任务已免除，不再需要提交任何成果。',
      'delivery-failure': '此任务的一则通知未能送达。',
      returned: '您提交的成果已被退回。请阅读审核意见并重新提交。',
      accepted: '谢谢：您提交的成果已被接受。此任务无需再做任何事。',
      extended: '此任务的截止日期已更改。',
      assigned: '此任务已分配给您。',
      unassigned: '此任务不再分配给您。您无需再做任何事。',
      'on-hold': '此任务已暂停。恢复之前不会发送提醒。',
      resumed: '此任务已恢复。截止日期已按暂停时间顺延。',
      rescheduled: '决议目录中此任务的截止日期已更新，现为下方所示日期。',
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
    replyToHandIn: '您也可以直接回复本邮件并附上文件，系统将代为提交。',
    calendarFeed: '在您的日历中查看全部截止日期（订阅）：',
    contact: '如有疑问，请联系',
    failure: (to, e) => `发给 ${to} 的通知被拒绝：${e}`,
    footer: '这是任务跟踪系统的强制通知，无法退订。',
    kinds: { document: '文件', link: '链接', text: '文本' },
    comment: '审核意见',
    reason: '原因',
    previousDue: '原截止日期',
    handInAgain: '重新提交',
    colon: '：',
  },
  ar: {
    dir: 'rtl',
    subject: {
      reminder: (t, d) => `تذكير: موعد ${t} هو ${d}`,
      overdue: (t) => `متأخر: ${t}`,
      escalation: (t) => `تصعيد: ${t} متأخر`,
      cancellation: (t) => `أُلغي: ${t}`,
      'delivery-failure': (t) => `تعذّر تسليم إشعار: ${t}`,
      returned: (t) => `أُعيد: ${t}`,
      accepted: (t) => `قُبل: ${t}`,
      extended: (t) => `موعد نهائي جديد: ${t}`,
      assigned: (t) => `أُسندت إليك: ${t}`,
      unassigned: (t) => `لم تعد مسندة إليك: ${t}`,
      'on-hold': (t) => `معلّقة: ${t}`,
      resumed: (t) => `استُؤنفت: ${t}`,
      rescheduled: (t) => `تحديث الموعد النهائي: ${t}`,
    },
    intro: {
      reminder: 'هذا تذكير بمهمة مسندة إليكم بموجب القرار المذكور أدناه.',
      overdue: 'انقضى الموعد النهائي لهذه المهمة ولم تُقدَّم بعض النواتج بعد.',
      escalation: 'أنتم المسؤولون عن هذه المهمة. لقد تأخرت وتُحال إليكم.',
      cancellation: 'أُعفي من هذه المهمة. لم يعد أي ناتج مطلوباً.',
      'delivery-failure': 'تعذّر تسليم إشعار بشأن هذه المهمة.',
      returned: 'أُعيد إليك ما قدّمته. يرجى قراءة تعليق المراجع وتقديمه مرة أخرى.',
      accepted: 'شكراً: قُبل ما قدّمته. لا يلزم شيء آخر لهذه المهمة.',
      extended: 'نُقل الموعد النهائي لهذه المهمة.',
      assigned: 'أُسندت إليك هذه المهمة.',
      unassigned: 'لم تعد هذه المهمة مسندة إليك. لا يُنتظر منك شيء آخر.',
      'on-hold': 'عُلّقت هذه المهمة. لن تُرسل تذكيرات حتى تُستأنف.',
      resumed: 'استُؤنف العمل في هذه المهمة. أُرجئ موعدها النهائي بقدر مدة التعليق.',
      rescheduled: 'حُدِّث الموعد النهائي لهذه المهمة في فهرس القرار، وهو الآن كما هو مبيّن أدناه.',
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
    replyToHandIn: 'أو ردّوا على هذه الرسالة مع إرفاق الوثيقة، فتُقدَّم نيابةً عنكم.',
    calendarFeed: 'جميع مواعيدكم النهائية في تقويمكم (اشتراك):',
    contact: 'للاستفسار، يُرجى الاتصال بـ',
    failure: (to, e) => `رُفض الإشعار الموجّه إلى ${to}: ${e}`,
    footer: 'هذا إشعار إلزامي من نظام متابعة الولايات؛ لا يمكن إلغاء الاشتراك فيه.',
    kinds: { document: 'وثيقة', link: 'رابط', text: 'نص' },
    comment: 'تعليق المراجع',
    reason: 'السبب',
    previousDue: 'الموعد النهائي السابق',
    handInAgain: 'قدّم مرة أخرى',
    colon: ': ',
  },
};

/** The secretariat's request to name a successor for a person whose mail bounces. */
export interface SuccessorWords {
  subject: (name: string) => string;
  intro: (name: string, email: string) => string;
  diagnostic: string;
  tasks: string;
  action: string;
}

export const SUCCESSOR_WORDS: Record<Locale, SuccessorWords> = {
  en: {
    subject: (n) => `Successor needed: mail to ${n} bounces`,
    intro: (n, e) =>
      `Mail to ${n} <${e}> was refused permanently. Reminders to this address do not arrive: please name a successor for their open tasks.`,
    diagnostic: 'The receiving server said',
    tasks: 'Open tasks',
    action: 'Name a successor',
  },
  fr: {
    subject: (n) => `Successeur à désigner : le courrier adressé à ${n} est rejeté`,
    intro: (n, e) =>
      `Le courrier adressé à ${n} <${e}> a été refusé définitivement. Les rappels n’arrivent pas à cette adresse : veuillez désigner un successeur pour ses tâches en cours.`,
    diagnostic: 'Réponse du serveur destinataire',
    tasks: 'Tâches en cours',
    action: 'Désigner un successeur',
  },
  es: {
    subject: (n) => `Se necesita un sucesor: el correo a ${n} es rechazado`,
    intro: (n, e) =>
      `El correo dirigido a ${n} <${e}> fue rechazado de forma permanente. Los recordatorios no llegan a esta dirección: designe un sucesor para sus tareas abiertas.`,
    diagnostic: 'Respuesta del servidor de destino',
    tasks: 'Tareas abiertas',
    action: 'Designar un sucesor',
  },
  ru: {
    subject: (n) => `Нужен преемник: почта для ${n} не доставляется`,
    intro: (n, e) =>
      `Письмо для ${n} <${e}> окончательно отклонено. Напоминания на этот адрес не доходят: назначьте преемника для открытых задач.`,
    diagnostic: 'Ответ принимающего сервера',
    tasks: 'Открытые задачи',
    action: 'Назначить преемника',
  },
  zh: {
    subject: (n) => `需要指定继任者：发给${n}的邮件被退回`,
    intro: (n, e) =>
      `发给${n} <${e}>的邮件被永久拒收，提醒无法送达该地址。请为其未完成的任务指定继任者。`,
    diagnostic: '接收服务器的答复',
    tasks: '未完成的任务',
    action: '指定继任者',
  },
  ar: {
    subject: (n) => `مطلوب تعيين خلف: البريد المرسل إلى ${n} مرتجع`,
    intro: (n, e) =>
      `رُفض البريد المرسل إلى ${n} <${e}> رفضاً نهائياً، ولا تصل التذكيرات إلى هذا العنوان. يرجى تعيين خلف لمهامه المفتوحة.`,
    diagnostic: 'رد الخادم المستقبِل',
    tasks: 'المهام المفتوحة',
    action: 'تعيين خلف',
  },
};
