/**
 * The words of the mail that answers a reply: the receipt for what was handed
 * in, and the one short answer to a reply that could not be used, in the six
 * languages of the catalogs.
 */
import type { Locale } from '../shared/types';
import type { FileRefusal, UnusableReason } from '../replies/received-archive';

type Answered = Exclude<UnusableReason, 'automatic'>;

export interface ReplyWords {
  dir: 'ltr' | 'rtl';
  /** The receipt's first line: what the reply was recorded on. */
  recorded: (title: string) => string;
  taken: string;
  refused: string;
  stillMissing: string;
  allIn: string;
  /** The answer to an unusable reply: nothing was recorded. */
  notUsed: string;
  reasons: Record<Answered, (p: { title: string; from: string }) => string>;
  files: Record<FileRefusal, string>;
  /** Before the hand-in link. */
  useLink: string;
  /** When there is no link to give. */
  noLink: string;
  footer: string;
}

export const REPLY_WORDS: Record<Locale, ReplyWords> = {
  en: {
    dir: 'ltr',
    recorded: (t) => `Thank you: your reply was recorded on the task “${t}”.`,
    taken: 'Handed in:',
    refused: 'Not taken:',
    stillMissing: 'Still missing:',
    allIn: 'Nothing is missing now; the secretariat will review what you sent.',
    notUsed: 'Your mail could not be used to hand anything in; nothing was recorded.',
    reasons: {
      'no-token': () =>
        'It was written to the hand-in address, not as a reply to a task mail, so it names no task.',
      'unknown-task': () =>
        'It does not answer a task mail we know: the reference to the original mail was lost.',
      forged: () => 'The address it was sent to was not issued for the task it answers.',
      closed: ({ title }) => `The task “${title}” is closed; nothing more is taken for it.`,
      'former-assignee': ({ title }) => `The task “${title}” is no longer assigned to you.`,
      'other-sender': ({ from }) =>
        `It came from ${from}, not from the address the task mail was sent to.`,
      'nothing-usable': () => 'It carries no file, link or text that the task still needs.',
      'too-large': () => 'The file is larger than the limit.',
      'wrong-type': () => 'The file is not a document of an accepted type.',
    },
    files: {
      'too-large': 'larger than the limit',
      'wrong-type': 'not a document of an accepted type',
      empty: 'empty',
      name: 'its name cannot be kept',
      'not-needed': 'nothing more of this kind is needed',
    },
    useLink: 'Hand in through this link instead:',
    noLink: 'Reply to the latest task mail itself, or write to the contact it names.',
    footer: 'This answer was written by the mandate tracker.',
  },
  fr: {
    dir: 'ltr',
    recorded: (t) =>
      `Merci\u202f: votre réponse a été enregistrée pour la tâche «\u00a0${t}\u00a0».`,
    taken: 'Remis\u202f:',
    refused: 'Non retenu\u202f:',
    stillMissing: 'Il manque encore\u202f:',
    allIn: 'Plus rien ne manque\u202f; le secrétariat examinera votre envoi.',
    notUsed:
      'Votre message n’a pas pu servir à remettre une contribution\u202f; rien n’a été enregistré.',
    reasons: {
      'no-token': () =>
        'Il a été écrit à l’adresse de remise, et non en réponse à un courriel de tâche\u202f: il ne désigne aucune tâche.',
      'unknown-task': () =>
        'Il ne répond à aucun courriel de tâche connu\u202f: la référence au message d’origine a été perdue.',
      forged: () => 'L’adresse utilisée n’a pas été émise pour la tâche à laquelle il répond.',
      closed: ({ title }) =>
        `La tâche «\u00a0${title}\u00a0» est close\u202f; plus rien n’est reçu pour elle.`,
      'former-assignee': ({ title }) =>
        `La tâche «\u00a0${title}\u00a0» ne vous est plus attribuée.`,
      'other-sender': ({ from }) =>
        `Il vient de ${from}, et non de l’adresse à laquelle le courriel de tâche a été envoyé.`,
      'nothing-usable': () =>
        'Il ne contient aucun fichier, lien ou texte dont la tâche a encore besoin.',
      'too-large': () => 'Le fichier dépasse la taille maximale.',
      'wrong-type': () => 'Le fichier n’est pas un document d’un type accepté.',
    },
    files: {
      'too-large': 'dépasse la taille maximale',
      'wrong-type': 'n’est pas un document d’un type accepté',
      empty: 'vide',
      name: 'son nom ne peut être conservé',
      'not-needed': 'rien de plus de ce type n’est attendu',
    },
    useLink: 'Remettez-la plutôt par ce lien\u202f:',
    noLink:
      'Répondez au dernier courriel de la tâche lui-même, ou écrivez au contact qu’il indique.',
    footer: 'Cette réponse a été rédigée par le système de suivi des mandats.',
  },
  es: {
    dir: 'ltr',
    recorded: (t) => `Gracias: su respuesta quedó registrada en la tarea «${t}».`,
    taken: 'Entregado:',
    refused: 'No aceptado:',
    stillMissing: 'Aún falta:',
    allIn: 'Ya no falta nada; la secretaría examinará lo enviado.',
    notUsed: 'Su mensaje no pudo usarse para entregar nada; no se registró nada.',
    reasons: {
      'no-token': () =>
        'Se escribió a la dirección de entrega y no como respuesta a un correo de tarea, por lo que no indica ninguna tarea.',
      'unknown-task': () =>
        'No responde a ningún correo de tarea conocido: se perdió la referencia al mensaje original.',
      forged: () => 'La dirección utilizada no se emitió para la tarea a la que responde.',
      closed: ({ title }) => `La tarea «${title}» está cerrada; ya no se recibe nada para ella.`,
      'former-assignee': ({ title }) => `La tarea «${title}» ya no está asignada a usted.`,
      'other-sender': ({ from }) =>
        `Procede de ${from} y no de la dirección a la que se envió el correo de la tarea.`,
      'nothing-usable': () =>
        'No contiene ningún archivo, enlace o texto que la tarea aún necesite.',
      'too-large': () => 'El archivo supera el tamaño máximo.',
      'wrong-type': () => 'El archivo no es un documento de un tipo aceptado.',
    },
    files: {
      'too-large': 'supera el tamaño máximo',
      'wrong-type': 'no es un documento de un tipo aceptado',
      empty: 'vacío',
      name: 'su nombre no puede conservarse',
      'not-needed': 'no se espera nada más de este tipo',
    },
    useLink: 'Entréguelo mejor mediante este enlace:',
    noLink: 'Responda al último correo de la tarea o escriba al contacto que indica.',
    footer: 'Esta respuesta fue redactada por el seguimiento de mandatos.',
  },
  ru: {
    dir: 'ltr',
    recorded: (t) => `Спасибо: ваш ответ зарегистрирован по задаче «${t}».`,
    taken: 'Представлено:',
    refused: 'Не принято:',
    stillMissing: 'Ещё не представлено:',
    allIn: 'Больше ничего не требуется; секретариат рассмотрит присланное.',
    notUsed:
      'Ваше письмо не удалось использовать для представления материалов; ничего не зарегистрировано.',
    reasons: {
      'no-token': () =>
        'Оно отправлено на адрес приёма, а не ответом на письмо по задаче, поэтому задача не указана.',
      'unknown-task': () =>
        'Оно не отвечает ни на одно известное письмо по задаче: ссылка на исходное письмо утеряна.',
      forged: () => 'Адрес, на который оно отправлено, не выдавался для этой задачи.',
      closed: ({ title }) => `Задача «${title}» закрыта; по ней больше ничего не принимается.`,
      'former-assignee': ({ title }) => `Задача «${title}» больше не поручена вам.`,
      'other-sender': ({ from }) =>
        `Оно отправлено с адреса ${from}, а не с адреса, на который пришло письмо по задаче.`,
      'nothing-usable': () => 'В нём нет файла, ссылки или текста, которые ещё нужны по задаче.',
      'too-large': () => 'Файл больше допустимого размера.',
      'wrong-type': () => 'Файл не является документом допустимого типа.',
    },
    files: {
      'too-large': 'больше допустимого размера',
      'wrong-type': 'не документ допустимого типа',
      empty: 'пустой',
      name: 'его имя нельзя сохранить',
      'not-needed': 'больше ничего такого не требуется',
    },
    useLink: 'Представьте материалы по этой ссылке:',
    noLink: 'Ответьте на последнее письмо по задаче или напишите указанному в нём контакту.',
    footer: 'Этот ответ составлен системой контроля мандатов.',
  },
  zh: {
    dir: 'ltr',
    recorded: (t) => `谢谢：您的回复已记录在任务“${t}”中。`,
    taken: '已提交：',
    refused: '未接收：',
    stillMissing: '仍缺少：',
    allIn: '已无缺项；秘书处将审阅您发送的材料。',
    notUsed: '您的邮件无法用于提交任何材料；未作任何记录。',
    reasons: {
      'no-token': () => '该邮件是直接发往提交地址的，而不是对任务邮件的回复，因此未指明任务。',
      'unknown-task': () => '该邮件未回复任何已知的任务邮件：对原邮件的引用已丢失。',
      forged: () => '所使用的回复地址并非为其所回复的任务而发。',
      closed: ({ title }) => `任务“${title}”已关闭，不再接收任何材料。`,
      'former-assignee': ({ title }) => `任务“${title}”已不再分配给您。`,
      'other-sender': ({ from }) => `该邮件来自 ${from}，而非任务邮件的收件地址。`,
      'nothing-usable': () => '邮件中没有任务仍需要的文件、链接或文字。',
      'too-large': () => '文件超过大小上限。',
      'wrong-type': () => '文件不是可接受类型的文档。',
    },
    files: {
      'too-large': '超过大小上限',
      'wrong-type': '不是可接受类型的文档',
      empty: '为空',
      name: '无法保留其文件名',
      'not-needed': '不再需要此类材料',
    },
    useLink: '请改用此链接提交：',
    noLink: '请直接回复最近一封任务邮件，或联系其中注明的联系人。',
    footer: '此答复由任务跟踪系统生成。',
  },
  ar: {
    dir: 'rtl',
    recorded: (t) => `شكرًا لكم: سُجّل ردّكم في المهمة «${t}».`,
    taken: 'ما قُدّم:',
    refused: 'ما لم يُقبل:',
    stillMissing: 'ما زال ناقصًا:',
    allIn: 'لم يعد شيء ناقصًا؛ ستراجع الأمانة ما أرسلتموه.',
    notUsed: 'تعذّر استخدام رسالتكم لتقديم أي شيء؛ ولم يُسجَّل شيء.',
    reasons: {
      'no-token': () =>
        'أُرسلت إلى عنوان التقديم مباشرةً لا ردًّا على رسالة مهمة، فلا تدلّ على أي مهمة.',
      'unknown-task': () => 'لا تردّ على أي رسالة مهمة معروفة: فُقدت الإشارة إلى الرسالة الأصلية.',
      forged: () => 'العنوان الذي أُرسلت إليه لم يصدر للمهمة التي تردّ عليها.',
      closed: ({ title }) => `المهمة «${title}» مغلقة؛ لا يُقبل لها شيء بعد الآن.`,
      'former-assignee': ({ title }) => `لم تعد المهمة «${title}» مسندة إليكم.`,
      'other-sender': ({ from }) => `وردت من ${from}، لا من العنوان الذي أُرسلت إليه رسالة المهمة.`,
      'nothing-usable': () => 'لا تحمل ملفًا أو رابطًا أو نصًا ما زالت المهمة تحتاج إليه.',
      'too-large': () => 'الملف أكبر من الحد المسموح.',
      'wrong-type': () => 'الملف ليس وثيقة من نوع مقبول.',
    },
    files: {
      'too-large': 'أكبر من الحد المسموح',
      'wrong-type': 'ليس وثيقة من نوع مقبول',
      empty: 'فارغ',
      name: 'يتعذّر الاحتفاظ باسمه',
      'not-needed': 'لم يعد مطلوبًا شيء من هذا النوع',
    },
    useLink: 'يُرجى التقديم عبر هذا الرابط بدلًا من ذلك:',
    noLink: 'يُرجى الرد على آخر رسالة للمهمة نفسها، أو مراسلة جهة الاتصال المذكورة فيها.',
    footer: 'كتب هذا الرد نظامُ متابعة الولايات.',
  },
};
