import { useCallback } from 'react';
import { engagementText, type EngagementTranslate } from './engagement-strings';
import { useI18n } from './i18n';

export { engagementError } from './engagement-strings';

/** The words of the engagement screens in the reader's language. */
export function useEngagementText(): EngagementTranslate {
  const { lang } = useI18n();
  return useCallback((key, vars) => engagementText(lang, key, vars), [lang]);
}
