import type { Language } from '../api/types';

/**
 * Words added with the fixes of the attendee page and the live dashboard (issue 13), kk / ru / en,
 * beside the main table so they do not collide with the other screens' changes to it.
 */
const en = {
  'questions.upvote': 'support this question',
  'dashboard.liveShort': 'live now',
  'dashboard.joinedOf': 'joined {joined} of {expected}',
  'dashboard.joinedNoRoster': 'joined {joined}',
} as const;

export type ExtraKey = keyof typeof en;

const ru: Record<ExtraKey, string> = {
  'questions.upvote': 'поддержать вопрос',
  'dashboard.liveShort': 'онлайн сейчас',
  'dashboard.joinedOf': 'подключились {joined} из {expected}',
  'dashboard.joinedNoRoster': 'подключились {joined}',
};

const kk: Record<ExtraKey, string> = {
  'questions.upvote': 'сұрақты қолдау',
  'dashboard.liveShort': 'қазір желіде',
  'dashboard.joinedOf': '{expected} адамның {joined} қосылды',
  'dashboard.joinedNoRoster': '{joined} қосылды',
};

export const EXTRA_STRINGS: Record<Language, Record<ExtraKey, string>> = { kk, ru, en };

export function extraText(lang: Language, key: ExtraKey, vars?: Record<string, string | number>): string {
  const s = EXTRA_STRINGS[lang][key] ?? en[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}
