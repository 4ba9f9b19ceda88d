/** Words of the Council report (every format), its rates and its charts, in the six UN languages. */
import type { RowStatus } from '../report/rows';
import type { Locale } from '../shared/types';

/** Every status a row can have, and `on-hold` (a hold/resume update) whether or not the engine has it yet. */
export type StatusWordKey = RowStatus | 'on-hold';

export interface ReportWords {
  /** Heading under the title. */
  subtitle: string;
  period(from: string, to: string): string;
  asOf(when: string): string;
  clause: string;
  taskId: string;
  occurrence: string;
  task: string;
  responsible: string;
  due: string;
  status: string;
  deliveredOn: string;
  closedOn: string;
  deliverables: string;
  remarks: string;
  daysLate: string;
  statuses: Record<StatusWordKey, string>;
  waivedRemark(on: string | undefined, reason: string): string;
  sessionRemark(title: string, tentative: boolean): string;
  recurringRemark(every: string): string;
  completedBeforeRemark(on: string): string;
  extendedRemark(from: string, to: string, reason: string): string;
  rates: {
    heading: string;
    resolution: string;
    byClause: string;
    byResponsible: string;
    group: string;
    dueInPeriod: string;
    onTime: string;
    late: string;
    overdue: string;
    awaitingReview: string;
    waived: string;
    onHold: string;
    onTimeRate: string;
    none: string;
  };
  charts: {
    timeline: string;
    timelineDescription: string;
    countsOverTime: string;
    countsDescription: string;
    today: string;
    count: string;
    date: string;
  };
}

/**
 * A left-to-right run (an ISO date, a time with its zone) inside Arabic text,
 * isolated (LRI … PDI) so the bidi algorithm does not reorder its digits and dashes.
 */
function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

export const REPORT_WORDS: Record<Locale, ReportWords> = {
  en: {
    subtitle: 'Status of implementation',
    period: (from, to) => `Period: ${from} to ${to}`,
    asOf: (when) => `Status as of ${when}.`,
    clause: 'Clause',
    taskId: 'Task id',
    occurrence: 'Occurrence',
    task: 'Task',
    responsible: 'Responsible',
    due: 'Due',
    status: 'Status',
    deliveredOn: 'Delivered on',
    closedOn: 'Closed on',
    deliverables: 'Deliverables',
    remarks: 'Remarks',
    daysLate: 'Days late',
    statuses: {
      open: 'Open',
      submitted: 'Submitted, awaiting review',
      returned: 'Returned for changes',
      completed: 'Completed',
      overdue: 'Overdue',
      waived: 'Waived',
      'on-hold': 'On hold',
      'not-started': 'Not started',
    },
    waivedRemark: (on, reason) => (on ? `Waived on ${on}: ${reason}` : `Waived: ${reason}`),
    sessionRemark: (title, tentative) => (tentative ? `${title} (date to be confirmed)` : title),
    recurringRemark: (every) => `Recurring (${every})`,
    extendedRemark: (from, to, reason) => `Extended from ${from} to ${to}: ${reason}`,
    completedBeforeRemark: (on) => `Completed on ${on}, before tracking began`,
    rates: {
      heading: 'Implementation rates',
      resolution: 'Resolution',
      byClause: 'By clause',
      byResponsible: 'By responsible body',
      group: 'Group',
      dueInPeriod: 'Due in the period',
      onTime: 'Completed on time',
      late: 'Completed late',
      overdue: 'Still overdue',
      awaitingReview: 'Awaiting review',
      waived: 'Waived',
      onHold: 'On hold',
      onTimeRate: 'On-time rate',
      none: 'Nothing fell due in the period.',
    },
    charts: {
      timeline: 'Tasks by clause over the year',
      timelineDescription:
        'Timeline: each mark is a task occurrence at its due date, coloured by status, in rows by clause; the vertical rule is today; shaded bands are sessions.',
      countsOverTime: 'Task occurrences by status over time',
      countsDescription:
        'Stacked area: for each week, how many task occurrences were tracked, by their status then.',
      today: 'Today',
      count: 'Occurrences',
      date: 'Date',
    },
  },
  fr: {
    subtitle: 'État de la mise en œuvre',
    period: (from, to) => `Période : du ${from} au ${to}`,
    asOf: (when) => `Situation au ${when}.`,
    clause: 'Paragraphe',
    taskId: 'Identifiant',
    occurrence: 'Échéance',
    task: 'Tâche',
    responsible: 'Responsable',
    due: 'Date limite',
    status: 'État',
    deliveredOn: 'Remis le',
    closedOn: 'Clos le',
    deliverables: 'Produits attendus',
    remarks: 'Observations',
    daysLate: 'Jours de retard',
    statuses: {
      open: 'En cours',
      submitted: 'Remis, en attente d’examen',
      returned: 'Renvoyé pour modification',
      completed: 'Achevé',
      overdue: 'En retard',
      waived: 'Abandonné',
      'on-hold': 'Suspendu',
      'not-started': 'Non commencé',
    },
    waivedRemark: (on, reason) => (on ? `Abandonné le ${on} : ${reason}` : `Abandonné : ${reason}`),
    sessionRemark: (title, tentative) => (tentative ? `${title} (date à confirmer)` : title),
    recurringRemark: (every) => `Récurrent (${every})`,
    extendedRemark: (from, to, reason) => `Échéance reportée du ${from} au ${to} : ${reason}`,
    completedBeforeRemark: (on) => `Achevé le ${on}, avant le début du suivi`,
    rates: {
      heading: 'Taux de mise en œuvre',
      resolution: 'Résolution',
      byClause: 'Par paragraphe',
      byResponsible: 'Par entité responsable',
      group: 'Groupe',
      dueInPeriod: 'Échéances de la période',
      onTime: 'Achevés dans les délais',
      late: 'Achevés en retard',
      overdue: 'Toujours en retard',
      awaitingReview: 'En attente d’examen',
      waived: 'Abandonnés',
      onHold: 'Suspendus',
      onTimeRate: 'Taux de respect des délais',
      none: 'Aucune échéance dans la période.',
    },
    charts: {
      timeline: 'Tâches par paragraphe sur l’année',
      timelineDescription:
        'Chronologie : chaque marque est une échéance à sa date limite, colorée selon son état, en lignes par paragraphe ; la ligne verticale est aujourd’hui ; les bandes sont les sessions.',
      countsOverTime: 'Échéances par état au fil du temps',
      countsDescription:
        'Aires empilées : pour chaque semaine, le nombre d’échéances arrivées à terme, par état.',
      today: 'Aujourd’hui',
      count: 'Échéances',
      date: 'Date',
    },
  },
  es: {
    subtitle: 'Estado de aplicación',
    period: (from, to) => `Período: del ${from} al ${to}`,
    asOf: (when) => `Situación al ${when}.`,
    clause: 'Párrafo',
    taskId: 'Identificador',
    occurrence: 'Vencimiento',
    task: 'Tarea',
    responsible: 'Responsable',
    due: 'Plazo',
    status: 'Estado',
    deliveredOn: 'Entregado el',
    closedOn: 'Cerrado el',
    deliverables: 'Productos',
    remarks: 'Observaciones',
    daysLate: 'Días de retraso',
    statuses: {
      open: 'En curso',
      submitted: 'Entregado, pendiente de examen',
      returned: 'Devuelto para cambios',
      completed: 'Concluido',
      overdue: 'Atrasado',
      waived: 'Dispensado',
      'on-hold': 'En suspenso',
      'not-started': 'No iniciado',
    },
    waivedRemark: (on, reason) => (on ? `Dispensado el ${on}: ${reason}` : `Dispensado: ${reason}`),
    sessionRemark: (title, tentative) => (tentative ? `${title} (fecha por confirmar)` : title),
    recurringRemark: (every) => `Periódico (${every})`,
    extendedRemark: (from, to, reason) => `Plazo prorrogado del ${from} al ${to}: ${reason}`,
    completedBeforeRemark: (on) => `Concluido el ${on}, antes de iniciarse el seguimiento`,
    rates: {
      heading: 'Tasas de aplicación',
      resolution: 'Resolución',
      byClause: 'Por párrafo',
      byResponsible: 'Por órgano responsable',
      group: 'Grupo',
      dueInPeriod: 'Vencidos en el período',
      onTime: 'Concluidos a tiempo',
      late: 'Concluidos con retraso',
      overdue: 'Aún atrasados',
      awaitingReview: 'Pendientes de examen',
      waived: 'Dispensados',
      onHold: 'En suspenso',
      onTimeRate: 'Tasa de puntualidad',
      none: 'Nada venció en el período.',
    },
    charts: {
      timeline: 'Tareas por párrafo a lo largo del año',
      timelineDescription:
        'Cronología: cada marca es un vencimiento en su plazo, coloreado según su estado, en filas por párrafo; la línea vertical es hoy; las franjas son las reuniones.',
      countsOverTime: 'Vencimientos por estado a lo largo del tiempo',
      countsDescription:
        'Áreas apiladas: para cada semana, cuántos vencimientos habían llegado a plazo, por estado.',
      today: 'Hoy',
      count: 'Vencimientos',
      date: 'Fecha',
    },
  },
  ru: {
    subtitle: 'Ход выполнения',
    period: (from, to) => `Период: с ${from} по ${to}`,
    asOf: (when) => `Положение на ${when}.`,
    clause: 'Пункт',
    taskId: 'Идентификатор',
    occurrence: 'Срок',
    task: 'Задача',
    responsible: 'Ответственный',
    due: 'Срок',
    status: 'Состояние',
    deliveredOn: 'Представлено',
    closedOn: 'Закрыто',
    deliverables: 'Результаты',
    remarks: 'Примечания',
    daysLate: 'Дней просрочки',
    statuses: {
      open: 'Выполняется',
      submitted: 'Представлено, ожидает рассмотрения',
      returned: 'Возвращено на доработку',
      completed: 'Выполнено',
      overdue: 'Просрочено',
      waived: 'Снято',
      'on-hold': 'Приостановлено',
      'not-started': 'Не начато',
    },
    waivedRemark: (on, reason) => (on ? `Снято ${on}: ${reason}` : `Снято: ${reason}`),
    sessionRemark: (title, tentative) => (tentative ? `${title} (дата уточняется)` : title),
    recurringRemark: (every) => `Периодическая (${every})`,
    extendedRemark: (from, to, reason) => `Срок продлён с ${from} до ${to}: ${reason}`,
    completedBeforeRemark: (on) => `Выполнено ${on}, до начала отслеживания`,
    rates: {
      heading: 'Показатели выполнения',
      resolution: 'Резолюция',
      byClause: 'По пунктам',
      byResponsible: 'По ответственным органам',
      group: 'Группа',
      dueInPeriod: 'Сроки в периоде',
      onTime: 'Выполнено в срок',
      late: 'Выполнено с опозданием',
      overdue: 'Всё ещё просрочено',
      awaitingReview: 'Ожидает рассмотрения',
      waived: 'Снято',
      onHold: 'Приостановлено',
      onTimeRate: 'Доля выполненных в срок',
      none: 'В периоде сроков не было.',
    },
    charts: {
      timeline: 'Задачи по пунктам за год',
      timelineDescription:
        'Хронология: каждая отметка — срок задачи, цвет — состояние, строки — пункты; вертикальная линия — сегодня; полосы — сессии.',
      countsOverTime: 'Сроки по состоянию во времени',
      countsDescription:
        'Накопленные области: на каждую неделю — сколько сроков уже наступило, по состоянию.',
      today: 'Сегодня',
      count: 'Сроки',
      date: 'Дата',
    },
  },
  zh: {
    subtitle: '执行情况',
    period: (from, to) => `期间：${from}至${to}`,
    asOf: (when) => `截至${when}的情况。`,
    clause: '段落',
    taskId: '任务编号',
    occurrence: '期次',
    task: '任务',
    responsible: '负责方',
    due: '截止日期',
    status: '状态',
    deliveredOn: '提交日期',
    closedOn: '结束日期',
    deliverables: '交付成果',
    remarks: '备注',
    daysLate: '逾期天数',
    statuses: {
      open: '进行中',
      submitted: '已提交，待审核',
      returned: '退回修改',
      completed: '已完成',
      overdue: '已逾期',
      waived: '已免除',
      'on-hold': '已暂停',
      'not-started': '未开始',
    },
    waivedRemark: (on, reason) => (on ? `${on}免除：${reason}` : `免除：${reason}`),
    sessionRemark: (title, tentative) => (tentative ? `${title}（日期待定）` : title),
    recurringRemark: (every) => `定期（${every}）`,
    extendedRemark: (from, to, reason) => `截止日期由${from}延至${to}：${reason}`,
    completedBeforeRemark: (on) => `${on}完成，早于开始跟踪`,
    rates: {
      heading: '执行率',
      resolution: '决议',
      byClause: '按段落',
      byResponsible: '按负责机构',
      group: '组别',
      dueInPeriod: '本期到期',
      onTime: '按时完成',
      late: '逾期完成',
      overdue: '仍逾期',
      awaitingReview: '待审核',
      waived: '已免除',
      onHold: '已暂停',
      onTimeRate: '按时完成率',
      none: '本期无到期任务。',
    },
    charts: {
      timeline: '全年各段落任务',
      timelineDescription:
        '时间线：每个标记为一项任务在其截止日期，颜色表示状态，按段落分行；竖线为今天；色带为会议。',
      countsOverTime: '各状态任务随时间变化',
      countsDescription: '堆积面积图：每周截至当时已到期的任务数，按状态划分。',
      today: '今天',
      count: '任务数',
      date: '日期',
    },
  },
  ar: {
    subtitle: 'حالة التنفيذ',
    period: (from, to) => `الفترة: من ${ltr(from)} إلى ${ltr(to)}`,
    asOf: (when) => `الحالة في ${ltr(when)}.`,
    clause: 'الفقرة',
    taskId: 'معرّف المهمة',
    occurrence: 'الاستحقاق',
    task: 'المهمة',
    responsible: 'الجهة المسؤولة',
    due: 'الموعد النهائي',
    status: 'الحالة',
    deliveredOn: 'تاريخ التسليم',
    closedOn: 'تاريخ الإغلاق',
    deliverables: 'النواتج',
    remarks: 'ملاحظات',
    daysLate: 'أيام التأخير',
    statuses: {
      open: 'قيد التنفيذ',
      submitted: 'مقدَّم، بانتظار المراجعة',
      returned: 'أعيد للتعديل',
      completed: 'منجز',
      overdue: 'متأخر',
      waived: 'معفى منه',
      'on-hold': 'معلّق',
      'not-started': 'لم يبدأ',
    },
    waivedRemark: (on, reason) =>
      on ? `أعفي منه في ${ltr(on)}: ${reason}` : `أعفي منه: ${reason}`,
    sessionRemark: (title, tentative) => (tentative ? `${title} (التاريخ قيد التأكيد)` : title),
    recurringRemark: (every) => `متكرر (${every})`,
    extendedRemark: (from, to, reason) => `مُدّد الموعد من ${ltr(from)} إلى ${ltr(to)}: ${reason}`,
    completedBeforeRemark: (on) => `أنجز في ${ltr(on)}، قبل بدء المتابعة`,
    rates: {
      heading: 'معدلات التنفيذ',
      resolution: 'القرار',
      byClause: 'حسب الفقرة',
      byResponsible: 'حسب الجهة المسؤولة',
      group: 'المجموعة',
      dueInPeriod: 'المستحق في الفترة',
      onTime: 'أنجز في الموعد',
      late: 'أنجز متأخراً',
      overdue: 'ما زال متأخراً',
      awaitingReview: 'بانتظار المراجعة',
      waived: 'معفى منه',
      onHold: 'معلّق',
      onTimeRate: 'معدل الإنجاز في الموعد',
      none: 'لم يستحق شيء في الفترة.',
    },
    charts: {
      timeline: 'المهام حسب الفقرة على مدار السنة',
      timelineDescription:
        'خط زمني: كل علامة استحقاق مهمة في موعدها النهائي، ملوّنة حسب الحالة، في صفوف حسب الفقرة؛ الخط العمودي هو اليوم؛ والأشرطة هي الدورات.',
      countsOverTime: 'الاستحقاقات حسب الحالة عبر الزمن',
      countsDescription: 'مساحات مكدّسة: لكل أسبوع، عدد الاستحقاقات التي حلّ موعدها، حسب الحالة.',
      today: 'اليوم',
      count: 'الاستحقاقات',
      date: 'التاريخ',
    },
  },
};

/** The words of a row status (or any status the engine publishes) in a locale. */
export function statusWord(words: ReportWords, status: string): string {
  return (words.statuses as Record<string, string>)[status] ?? status;
}
