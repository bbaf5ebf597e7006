import { useCallback } from 'react';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n';
import { errorText, PublicKey, publicText } from '../i18n/public-strings';

/** The public pages' words in the current language, and API errors told as sentences. */
export function usePublicI18n() {
  const { lang, pick } = useI18n();
  const p = useCallback(
    (key: PublicKey, vars?: Record<string, string | number>) => publicText(lang, key, vars),
    [lang],
  );
  /** A failure as a sentence: the API's stable code translated, else by kind of failure. */
  const explain = useCallback(
    (e: unknown): string => {
      if (!(e instanceof ApiError)) return publicText(lang, 'err.generic');
      if (e.isNetwork) return publicText(lang, 'err.network');
      if (e.status === 404) return publicText(lang, 'err.not_found');
      if (e.status === 429) return publicText(lang, 'err.too_many_requests');
      return errorText(lang, e.code) ?? publicText(lang, 'err.generic');
    },
    [lang],
  );
  return { lang, pick, p, explain };
}
