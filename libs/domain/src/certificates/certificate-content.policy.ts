/**
 * What a certificate says, in its holder's language: pure (dates with Luxon in the holder's
 * zone, numbers in the language's locale). The PDF renderer only lays it out.
 */
import { DateTime } from 'luxon';
import type { Language } from '../shared/localized-text';

export interface CertificateContent {
  lang: Language;
  heading: string;
  lead: string;
  holderName: string;
  completed: string;
  modulesLabel: string;
  modules: string[];
  facts: string[];
  verifyLabel: string;
  verifyUrl: string;
}

const LOCALE: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

const TEXT: Record<
  Language,
  {
    heading: string;
    lead: string;
    completed: (program: string) => string;
    modules: string;
    hours: string;
    date: string;
    number: string;
    verify: string;
  }
> = {
  kk: {
    heading: 'СЕРТИФИКАТ',
    lead: 'Осы сертификат',
    completed: (p) => `«${p}» бағдарламасын сәтті аяқтағанын растайды.`,
    modules: 'Модульдер',
    hours: 'Сағат саны',
    date: 'Күні',
    number: 'Нөмірі',
    verify: 'Түпнұсқалығын тексеру',
  },
  ru: {
    heading: 'СЕРТИФИКАТ',
    lead: 'Настоящий сертификат подтверждает, что',
    completed: (p) => `успешно завершил(а) программу «${p}».`,
    modules: 'Модули',
    hours: 'Количество часов',
    date: 'Дата',
    number: 'Номер',
    verify: 'Проверка подлинности',
  },
  en: {
    heading: 'CERTIFICATE',
    lead: 'This certifies that',
    completed: (p) => `has successfully completed the programme "${p}".`,
    modules: 'Modules',
    hours: 'Hours',
    date: 'Date',
    number: 'No.',
    verify: 'Verify',
  },
};

export function certificateContent(c: {
  lang: Language;
  holderName: string;
  programTitle: string;
  modules: readonly string[];
  minutes: number;
  completedAt: Date;
  timeZone: string;
  number: string;
  verifyUrl: string;
}): CertificateContent {
  const t = TEXT[c.lang];
  const locale = LOCALE[c.lang];
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(
    Math.round(c.minutes / 6) / 10,
  );
  const zone = DateTime.local().setZone(c.timeZone).isValid ? c.timeZone : 'UTC';
  const date = DateTime.fromJSDate(c.completedAt, { zone })
    .setLocale(locale)
    .toLocaleString(DateTime.DATE_FULL);
  return {
    lang: c.lang,
    heading: t.heading,
    lead: t.lead,
    holderName: c.holderName,
    completed: t.completed(c.programTitle),
    modulesLabel: t.modules,
    modules: c.modules.map((m, i) => `${i + 1}. ${m}`),
    facts: [`${t.hours}: ${hours}`, `${t.date}: ${date}`, `${t.number}: ${c.number}`],
    verifyLabel: t.verify,
    verifyUrl: c.verifyUrl,
  };
}
