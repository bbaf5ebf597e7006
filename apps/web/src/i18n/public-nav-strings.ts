import type { Language } from '../api/types';

/**
 * The few words of the public side that every page needs (the header's links, the sign-in
 * form's way to sign up or reset a password): a table of their own so the main bundle carries
 * these and not the public pages' whole table (public-strings.ts, loaded with those pages).
 */
const en = {
  'nav.programs': 'Programs',
  'nav.schedule': 'Schedule',
  'nav.profile': 'Profile',
  'nav.mySessions': 'My sessions',
  'nav.signUp': 'Sign up',
  'acc.signin.noAccount': 'No account yet? Create one',
  'acc.signin.forgot': 'Forgot your password?',
} as const;

export type NavKey = keyof typeof en;

const ru: Record<NavKey, string> = {
  'nav.programs': 'Программы',
  'nav.schedule': 'Расписание',
  'nav.profile': 'Профиль',
  'nav.mySessions': 'Мои занятия',
  'nav.signUp': 'Регистрация',
  'acc.signin.noAccount': 'Ещё нет учётной записи? Создать',
  'acc.signin.forgot': 'Забыли пароль?',
};

const kk: Record<NavKey, string> = {
  'nav.programs': 'Бағдарламалар',
  'nav.schedule': 'Кесте',
  'nav.profile': 'Профиль',
  'nav.mySessions': 'Менің сабақтарым',
  'nav.signUp': 'Тіркелгі ашу',
  'acc.signin.noAccount': 'Тіркелгіңіз жоқ па? Ашыңыз',
  'acc.signin.forgot': 'Құпиясөзді ұмыттыңыз ба?',
};

export const NAV_STRINGS: Record<Language, Record<NavKey, string>> = { kk, ru, en };

export const navText = (lang: Language, key: NavKey): string => NAV_STRINGS[lang][key] ?? en[key];
