import type { Language } from '../api/types';
import { en, EngagementKey } from './engagement-strings.en';
import { kk } from './engagement-strings.kk';
import { ru } from './engagement-strings.ru';
import { engagementErrorIn, type EngagementTranslate } from './engagement-error';

/**
 * The words of engagement, all three languages in one table: for the console (its chunk registers
 * them, see engagement-text.ts) and the specs. The attendee page never imports this file: it
 * loads the reader's language only (issue 13, attendee JS budget).
 */
export type { EngagementKey, EngagementTranslate };
export const ENGAGEMENT_STRINGS: Record<Language, Record<EngagementKey, string>> = { kk, ru, en };

export function engagementText(
  lang: Language,
  key: EngagementKey,
  vars?: Record<string, string | number>,
): string {
  const s = ENGAGEMENT_STRINGS[lang][key] ?? en[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** An error code of an engagement ack, said in the reader's language. */
export const engagementError = (t: EngagementTranslate, error: { code: string; message: string }): string =>
  engagementErrorIn(en, t, error);
