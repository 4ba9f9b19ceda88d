/** Words of the focal point's hand-in page, in the six official UN languages. */
import type { Locale } from '../shared/types';
import { intlLocale } from './locales';

export interface PageWords {
  title: string;
  intro: string;
  due: string;
  send: string;
  document: string;
  link: string;
  text: string;
  received: string;
  receivedDetail: string;
  expired: string;
  invalid: string;
  closed: string;
  notYours: string;
  nothingMissing: string;
  /** The person's calendar feed: all their open deadlines in their own calendar. */
  calendarFeed: string;
  /** A failure of ours: a heading, what to do, and the label of the reference to quote. */
  /** A hand-in link from a staff copy of a mail: its signature was removed. */
  staffCopy: string;
  /** A hand-in larger than `bytes` bytes. */
  tooLarge: (bytes: number) => string;
  /** What a document field takes, said before a file is chosen: file types and the size limit. */
  accepts: (extensions: string, bytes: number) => string;
  /** A text deliverable longer than `chars` characters. */
  textTooLong: (chars: number) => string;
  /** Too many requests for this link or from this address: try again in `seconds`. */
  tooMany: (seconds: number) => string;
  serverErrorTitle: string;
  serverError: string;
  reference: string;
}

/** Megabytes (of 1,000,000 bytes), written the locale's way. */
function megabytes(bytes: number, locale: Locale): string {
  return (bytes / 1_000_000).toLocaleString(intlLocale(locale), { maximumFractionDigits: 1 });
}

export const PAGE_WORDS: Record<Locale, PageWords> = {
  en: {
    title: 'Hand in your deliverable',
    intro: 'Choose the deliverable and send it. You can send each one separately.',
    due: 'Due',
    send: 'Send',
    document: 'Document (file)',
    link: 'Link (address)',
    text: 'Text',
    received: 'Thank you: received',
    receivedDetail:
      'The secretariat will review it. You will hear from them if anything is missing.',
    expired: 'This link has expired. Please ask the secretariat for a new one.',
    invalid: 'This link is not valid.',
    closed: 'This task is closed; nothing more can be handed in.',
    notYours: 'This link is not for this task.',
    nothingMissing: 'Everything has been handed in.',
    calendarFeed: 'Subscribe to all your deadlines in your calendar',
    tooMany: (s) => `Too many attempts. Please try again in ${s} seconds.`,
    accepts: (e, b) => `Accepted: ${e}; at most ${megabytes(b, 'en')} MB.`,
    tooLarge: (b) => `This is too large to hand in here: the limit is ${megabytes(b, 'en')} MB.`,
    textTooLong: (n) =>
      `This text is too long: the limit is ${n.toLocaleString(intlLocale('en'))} characters. Hand it in as a document instead.`,
    staffCopy:
      "This is a staff copy of a hand-in link: it cannot be used to hand in. The focal point's own mail holds the link that works.",
    serverErrorTitle: 'Something went wrong',
    serverError:
      'We could not complete your request because of a problem on our side. Please try again in a few minutes; if it happens again, write to the secretariat and quote this reference.',
    reference: 'Reference',
  },
  fr: {
    title: 'Remettre votre contribution',
    intro: 'Choisissez le produit et envoyez-le. Vous pouvez les envoyer séparément.',
    due: 'Échéance',
    send: 'Envoyer',
    document: 'Document (fichier)',
    link: 'Lien (adresse)',
    text: 'Texte',
    received: 'Merci : bien reçu',
    receivedDetail: 'Le secrétariat l’examinera et vous contactera s’il manque quelque chose.',
    expired: 'Ce lien a expiré. Demandez-en un nouveau au secrétariat.',
    invalid: 'Ce lien n’est pas valide.',
    closed: 'Cette tâche est close ; plus rien ne peut être remis.',
    notYours: 'Ce lien ne concerne pas cette tâche.',
    nothingMissing: 'Tout a été remis.',
    calendarFeed: 'Abonnez-vous à toutes vos échéances dans votre agenda',
    tooMany: (s) => `Trop de tentatives. Veuillez réessayer dans ${s}\u00a0secondes.`,
    accepts: (e, b) => `Formats acceptés\u00a0: ${e}\u00a0; ${megabytes(b, 'fr')}\u00a0Mo au plus.`,
    tooLarge: (b) =>
      `C’est trop volumineux pour être remis ici : la limite est de ${megabytes(b, 'fr')}\u00a0Mo.`,
    textTooLong: (n) =>
      `Ce texte est trop long : la limite est de ${n.toLocaleString(intlLocale('fr'))}\u00a0caractères. Remettez-le plutôt sous forme de document.`,
    staffCopy:
      'Ceci est une copie pour le secrétariat d’un lien de remise : elle ne permet pas de remettre. Le courriel du point focal contient le lien qui fonctionne.',
    serverErrorTitle: 'Un problème est survenu',
    serverError:
      'Nous n’avons pas pu traiter votre demande à cause d’un problème de notre côté. Veuillez réessayer dans quelques minutes ; si le problème persiste, écrivez au secrétariat en indiquant cette référence.',
    reference: 'Référence',
  },
  es: {
    title: 'Entregar su contribución',
    intro: 'Elija el producto y envíelo. Puede enviarlos por separado.',
    due: 'Vencimiento',
    send: 'Enviar',
    document: 'Documento (archivo)',
    link: 'Enlace (dirección)',
    text: 'Texto',
    received: 'Gracias: recibido',
    receivedDetail: 'La secretaría lo examinará y le escribirá si falta algo.',
    expired: 'Este enlace ha caducado. Pida uno nuevo a la secretaría.',
    invalid: 'Este enlace no es válido.',
    closed: 'Esta tarea está cerrada; ya no se puede entregar nada.',
    notYours: 'Este enlace no corresponde a esta tarea.',
    nothingMissing: 'Todo ha sido entregado.',
    calendarFeed: 'Suscríbase a todos sus plazos en su calendario',
    tooMany: (s) => `Demasiados intentos. Vuelva a intentarlo dentro de ${s} segundos.`,
    accepts: (e, b) => `Formatos aceptados: ${e}; como máximo ${megabytes(b, 'es')} MB.`,
    tooLarge: (b) =>
      `Es demasiado grande para entregarlo aquí: el límite es de ${megabytes(b, 'es')} MB.`,
    textTooLong: (n) =>
      `Este texto es demasiado largo: el límite es de ${n.toLocaleString(intlLocale('es'))} caracteres. Entréguelo como documento.`,
    staffCopy:
      'Esta es una copia para la secretaría de un enlace de entrega: no sirve para entregar. El correo del punto focal contiene el enlace que funciona.',
    serverErrorTitle: 'Se ha producido un error',
    serverError:
      'No pudimos completar su solicitud por un problema de nuestra parte. Vuelva a intentarlo dentro de unos minutos; si vuelve a ocurrir, escriba a la secretaría e indique esta referencia.',
    reference: 'Referencia',
  },
  ru: {
    title: 'Представить материалы',
    intro: 'Выберите материал и отправьте его. Материалы можно отправлять по отдельности.',
    due: 'Срок',
    send: 'Отправить',
    document: 'Документ (файл)',
    link: 'Ссылка (адрес)',
    text: 'Текст',
    received: 'Спасибо: получено',
    receivedDetail: 'Секретариат рассмотрит материал и сообщит, если чего-то не хватает.',
    expired: 'Срок действия ссылки истёк. Запросите новую у секретариата.',
    invalid: 'Ссылка недействительна.',
    closed: 'Задача закрыта; материалы больше не принимаются.',
    notYours: 'Эта ссылка не относится к данной задаче.',
    nothingMissing: 'Все материалы представлены.',
    calendarFeed: 'Подписаться на все ваши сроки в своём календаре',
    tooMany: (s) => `Слишком много попыток. Повторите через ${s} с.`,
    accepts: (e, b) => `Принимаются: ${e}; не более ${megabytes(b, 'ru')} МБ.`,
    tooLarge: (b) => `Слишком большой объём для сдачи здесь: предел — ${megabytes(b, 'ru')} МБ.`,
    textTooLong: (n) =>
      `Текст слишком длинный: предел — ${n.toLocaleString(intlLocale('ru'))} знаков. Сдайте его в виде документа.`,
    staffCopy:
      'Это копия ссылки для сдачи материалов, предназначенная для секретариата: по ней нельзя ничего сдать. Рабочая ссылка находится в письме координатора.',
    serverErrorTitle: 'Произошла ошибка',
    serverError:
      'Не удалось выполнить ваш запрос из-за неполадки на нашей стороне. Повторите попытку через несколько минут; если ошибка повторится, напишите в секретариат и укажите этот номер.',
    reference: 'Номер для справки',
  },
  zh: {
    title: '提交您的成果',
    intro: '请选择成果并提交，可分别提交。',
    due: '截止',
    send: '提交',
    document: '文件',
    link: '链接（网址）',
    text: '文本',
    received: '谢谢，已收到',
    receivedDetail: '秘书处将进行审核，如有缺项会与您联系。',
    expired: '此链接已过期，请向秘书处索取新链接。',
    invalid: '此链接无效。',
    closed: '此任务已关闭，无法再提交。',
    notYours: '此链接不属于该任务。',
    nothingMissing: '所有成果均已提交。',
    calendarFeed: '在您的日历中订阅您的全部截止日期',
    tooMany: (s) => `尝试次数过多。请在 ${s} 秒后重试。`,
    accepts: (e, b) => `可接受的格式：${e}；不超过 ${megabytes(b, 'zh')} MB。`,
    tooLarge: (b) => `文件过大，无法在此提交：上限为 ${megabytes(b, 'zh')} MB。`,
    textTooLong: (n) =>
      `文本过长：上限为 ${n.toLocaleString(intlLocale('zh'))} 个字符。请改为以文件形式提交。`,
    staffCopy: '这是秘书处所见的提交链接副本，无法用于提交。可用的链接在联络人本人收到的邮件中。',
    serverErrorTitle: '出现问题',
    serverError:
      '由于我方出现问题，您的请求未能完成。请几分钟后重试；如果问题再次出现，请写信给秘书处并注明此参考编号。',
    reference: '参考编号',
  },
  ar: {
    title: 'قدّموا الناتج',
    intro: 'اختاروا الناتج وأرسلوه. يمكنكم إرسال كل ناتج على حدة.',
    due: 'الموعد النهائي',
    send: 'إرسال',
    document: 'وثيقة (ملف)',
    link: 'رابط (عنوان)',
    text: 'نص',
    received: 'شكراً: تم الاستلام',
    receivedDetail: 'ستراجعه الأمانة وستتواصل معكم إذا نقص شيء.',
    expired: 'انتهت صلاحية هذا الرابط. يُرجى طلب رابط جديد من الأمانة.',
    invalid: 'هذا الرابط غير صالح.',
    closed: 'هذه المهمة مغلقة؛ لا يمكن تقديم شيء بعد الآن.',
    notYours: 'هذا الرابط لا يخص هذه المهمة.',
    nothingMissing: 'تم تقديم كل شيء.',
    calendarFeed: 'اشترك في جميع مواعيدك النهائية في تقويمك',
    tooMany: (s) => `محاولات كثيرة جدًا. يُرجى المحاولة مرة أخرى بعد ${s} ثانية.`,
    accepts: (e, b) => `الصيغ المقبولة: ${e}؛ بحد أقصى ${megabytes(b, 'ar')} ميغابايت.`,
    tooLarge: (b) => `الحجم أكبر من أن يُقدَّم هنا: الحد الأقصى ${megabytes(b, 'ar')} ميغابايت.`,
    textTooLong: (n) =>
      `هذا النص أطول من اللازم: الحد الأقصى ${n.toLocaleString(intlLocale('ar'))} حرف. يُرجى تقديمه في شكل وثيقة.`,
    staffCopy:
      'هذه نسخة الأمانة من رابط التقديم ولا يمكن استخدامها للتقديم. الرابط الصالح موجود في رسالة جهة الاتصال نفسها.',
    serverErrorTitle: 'حدث خطأ',
    serverError:
      'تعذّر إكمال طلبكم بسبب مشكلة لدينا. يُرجى المحاولة مرة أخرى بعد بضع دقائق؛ وإذا تكرر ذلك، فيُرجى مراسلة الأمانة مع ذكر هذا الرقم المرجعي.',
    reference: 'الرقم المرجعي',
  },
};
