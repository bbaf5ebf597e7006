import type { EngagementKey } from './engagement-strings.en';

/** Translates one engagement word (engagement-text.ts on the page, engagementText in specs). */
export type EngagementTranslate = (key: EngagementKey, vars?: Record<string, string | number>) => string;

/** An error code of an engagement ack in the reader's words, given a table that has every key. */
export function engagementErrorIn(
  keys: Partial<Record<EngagementKey, string>>,
  t: EngagementTranslate,
  error: { code: string; message: string },
): string {
  const key = `eng.error.${error.code}` as EngagementKey;
  if (error.code === 'forbidden') return t('eng.noRight');
  if (key in keys) return t(key, { message: error.message });
  return t('eng.error.other', { message: error.message });
}
