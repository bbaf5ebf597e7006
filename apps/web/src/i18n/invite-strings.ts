import type { Language } from '../api/types';

/**
 * The words of the invitation landing page and of "my certificates", kk / ru / en, kept beside
 * the main table so these screens grow without touching it.
 */
const en = {
  'invite.title': 'Your invitation',
  'invite.hello': 'Hello, {name}!',
  'invite.to': 'You are invited to:',
  'invite.starts': 'Starts:',
  'invite.register': 'Register',
  'invite.registered': 'You are registered. The reminders and the link to join will come by e-mail.',
  'invite.decline': 'I cannot come',
  'invite.reason': 'Reason (optional)',
  'invite.declineSend': 'Decline the invitation',
  'invite.declined': 'You have declined this invitation. Changed your mind? You can still register.',
  'invite.password': 'Set a password to sign in later',
  'invite.passwordLabel': 'New password (8 characters or more)',
  'invite.passwordSave': 'Save the password',
  'invite.passwordSaved': 'The password is set: sign in with your e-mail and it.',
  'invite.invalid': 'This link is not valid. Check that it was copied whole from the e-mail.',
  'certs.title': 'My certificates',
  'certs.none': 'No certificates yet: they come when you complete a program.',
  'certs.number': 'No. {number}',
  'certs.download': 'Download the PDF',
  'certs.revoked': 'Revoked',
  'certs.publicName': 'Show my full name on the public verification page',
  'certs.verify': 'Verification page',
} as const;

export type InviteKey = keyof typeof en;

const ru: Record<InviteKey, string> = {
  'invite.title': 'Ваше приглашение',
  'invite.hello': 'Здравствуйте, {name}!',
  'invite.to': 'Вас приглашают на:',
  'invite.starts': 'Начало:',
  'invite.register': 'Зарегистрироваться',
  'invite.registered': 'Вы зарегистрированы. Напоминания и ссылка для подключения придут на почту.',
  'invite.decline': 'Я не смогу прийти',
  'invite.reason': 'Причина (необязательно)',
  'invite.declineSend': 'Отказаться от приглашения',
  'invite.declined': 'Вы отказались от приглашения. Передумали? Зарегистрироваться ещё можно.',
  'invite.password': 'Задайте пароль, чтобы входить позже',
  'invite.passwordLabel': 'Новый пароль (не короче 8 символов)',
  'invite.passwordSave': 'Сохранить пароль',
  'invite.passwordSaved': 'Пароль задан: входите с вашей почтой и им.',
  'invite.invalid': 'Ссылка недействительна. Проверьте, что она скопирована из письма целиком.',
  'certs.title': 'Мои сертификаты',
  'certs.none': 'Сертификатов пока нет: они приходят, когда вы завершаете программу.',
  'certs.number': '№ {number}',
  'certs.download': 'Скачать файл',
  'certs.revoked': 'Отозван',
  'certs.publicName': 'Показывать моё полное имя на странице проверки',
  'certs.verify': 'Страница проверки',
};

const kk: Record<InviteKey, string> = {
  'invite.title': 'Сізге шақыру',
  'invite.hello': 'Сәлеметсіз бе, {name}!',
  'invite.to': 'Сізді шақырамыз:',
  'invite.starts': 'Басталуы:',
  'invite.register': 'Тіркелу',
  'invite.registered': 'Сіз тіркелдіңіз. Еске салулар мен қосылу сілтемесі поштаға келеді.',
  'invite.decline': 'Келе алмаймын',
  'invite.reason': 'Себебі (міндетті емес)',
  'invite.declineSend': 'Шақырудан бас тарту',
  'invite.declined': 'Сіз шақырудан бас тарттыңыз. Ойыңыз өзгерсе, әлі де тіркеле аласыз.',
  'invite.password': 'Кейін кіру үшін құпиясөз орнатыңыз',
  'invite.passwordLabel': 'Жаңа құпиясөз (кемінде 8 таңба)',
  'invite.passwordSave': 'Құпиясөзді сақтау',
  'invite.passwordSaved': 'Құпиясөз орнатылды: поштаңыз бен құпиясөзбен кіріңіз.',
  'invite.invalid': 'Сілтеме жарамсыз. Оның хаттан толық көшірілгенін тексеріңіз.',
  'certs.title': 'Менің сертификаттарым',
  'certs.none': 'Әзірге сертификат жоқ: олар бағдарламаны аяқтағанда беріледі.',
  'certs.number': '№ {number}',
  'certs.download': 'Файлды жүктеп алу',
  'certs.revoked': 'Кері қайтарылған',
  'certs.publicName': 'Тексеру бетінде толық атымды көрсету',
  'certs.verify': 'Тексеру беті',
};

export const INVITE_STRINGS: Record<Language, Record<InviteKey, string>> = { kk, ru, en };

export function inviteText(lang: Language, key: InviteKey, vars?: Record<string, string>): string {
  const s = INVITE_STRINGS[lang][key] ?? en[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m) : s;
}
