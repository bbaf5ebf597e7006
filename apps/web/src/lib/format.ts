/**
 * Numbers and counts for people: rounded (one decimal at most, none when whole), with the
 * language's decimal sign and digit grouping, and nouns in the plural form the language needs
 * (Russian has one / few / many: 1 вопрос, 2 вопроса, 5 вопросов; Kazakh has one form after a
 * number). Intl does the work; the forms live with the strings that use them.
 */
import type { Language } from '../api/types';

const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 0.39999999999999997 -> "0,4" (ru) / "0.4" (en); 1234 -> "1 234" (ru). */
export function formatNumber(n: number, lang: Language, maxFractionDigits = 1): string {
  const key = `${lang}-${maxFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(key, f);
  }
  // Browsers without Kazakh locale data fall back to English separators; Kazakh writes them as Russian does.
  const text = f.format(n);
  return lang === 'kk' && f.resolvedOptions().locale.startsWith('en')
    ? formatNumber(n, 'ru', maxFractionDigits)
    : text;
}

/** A percentage figure from the API (already in percent): "33,3 %" in ru and kk, "33.3%" in en. */
export function formatPercent(p: number, lang: Language): string {
  const n = formatNumber(p, lang);
  return lang === 'en' ? `${n}%` : `${n} %`;
}

/** "—" for a figure that does not exist (no roster, nobody present). */
export const orDash = (n: number | null | undefined, lang: Language, digits = 1): string =>
  n === null || n === undefined ? '—' : formatNumber(n, lang, digits);

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

const pluralRules = new Map<Language, Intl.PluralRules>();

export function pluralCategory(n: number, lang: Language): PluralCategory {
  let r = pluralRules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(LOCALES[lang]);
    pluralRules.set(lang, r);
  }
  return r.select(n) as PluralCategory;
}

/** The forms of one counted phrase; `other` is required, the rest as the language needs. */
export type PluralForms = Partial<Record<PluralCategory, string>> & { other: string };

/** The form for n with {n} filled in (rounded for people): "5 вопросов", "1 question". */
export function plural(n: number, lang: Language, forms: PluralForms): string {
  const text = forms[pluralCategory(n, lang)] ?? forms.other;
  return text.replace(/\{n\}/g, formatNumber(n, lang));
}
