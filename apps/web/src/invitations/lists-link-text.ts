import type { Language } from '../api/types';

/**
 * The console's link to the invitation screens, kk / ru / en: the only words that load with the
 * console itself (the screens' own table loads with their chunk).
 */
export const LISTS_LINK_TEXT: Record<Language, string> = {
  kk: 'Шақырулар, кім келмеді, сертификаттар',
  ru: 'Приглашения, кто не пришёл, сертификаты',
  en: 'Invitations, who did not come, certificates',
};
