import type { Language } from '../api/types';
import { plural, type PluralForms } from '../lib/format';

/**
 * Counted phrases, kk / ru / en, in every plural form each language needs (Intl.PluralRules
 * picks the form: ru one / few / many, kk and en one / other). {n} is the number, written for
 * people (rounded, grouped). Kept beside the main table so the counts grow without touching it.
 */
const en = {
  votes: { one: '{n} vote', other: '{n} votes' },
  days: { one: '{n} day', other: '{n} days' },
  characters: { one: '{n} character', other: '{n} characters' },
  questions: { one: '{n} question', other: '{n} questions' },
  people: { one: '{n} person', other: '{n} people' },
  modules: { one: '{n} module', other: '{n} modules' },
  rowsFailed: {
    one: 'Nothing was imported: {n} row has errors.',
    other: 'Nothing was imported: {n} rows have errors.',
  },
} satisfies Record<string, PluralForms>;

export type CountKey = keyof typeof en;

const ru: Record<CountKey, PluralForms> = {
  votes: { one: '{n} голос', few: '{n} голоса', many: '{n} голосов', other: '{n} голоса' },
  days: { one: '{n} день', few: '{n} дня', many: '{n} дней', other: '{n} дня' },
  characters: { one: '{n} символ', few: '{n} символа', many: '{n} символов', other: '{n} символа' },
  questions: { one: '{n} вопрос', few: '{n} вопроса', many: '{n} вопросов', other: '{n} вопроса' },
  people: { one: '{n} человек', few: '{n} человека', many: '{n} человек', other: '{n} человека' },
  modules: { one: '{n} модуль', few: '{n} модуля', many: '{n} модулей', other: '{n} модуля' },
  rowsFailed: {
    one: 'Ничего не импортировано: ошибка в {n} строке.',
    few: 'Ничего не импортировано: ошибки в {n} строках.',
    many: 'Ничего не импортировано: ошибки в {n} строках.',
    other: 'Ничего не импортировано: ошибки в {n} строки.',
  },
};

// Kazakh nouns stay singular after a number: one form serves every count.
const kk: Record<CountKey, PluralForms> = {
  votes: { other: '{n} дауыс' },
  days: { other: '{n} күн' },
  characters: { other: '{n} таңба' },
  questions: { other: '{n} сұрақ' },
  people: { other: '{n} адам' },
  modules: { other: '{n} модуль' },
  rowsFailed: { other: 'Ештеңе жүктелмеді: {n} жолда қате бар.' },
};

export const COUNT_STRINGS: Record<Language, Record<CountKey, PluralForms>> = { kk, ru, en };

/** "5 голосов", "1 vote", "21 дауыс". */
export const countText = (lang: Language, key: CountKey, n: number): string =>
  plural(n, lang, COUNT_STRINGS[lang][key]);
