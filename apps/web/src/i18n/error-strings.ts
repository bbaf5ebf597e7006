import type { Language } from '../api/types';
import { en, ErrorStringKey } from './error-strings.en';
import { kk } from './error-strings.kk';
import { ru } from './error-strings.ru';

/**
 * The API's failures in words, all three languages in one table: for the specs and the browser
 * suites. The app itself never imports this file: error-text.ts loads the reader's language
 * only, and only once a failure is shown (each language is a chunk of its own).
 */
export type { ErrorStringKey };
export const ERROR_STRINGS: Record<Language, Record<ErrorStringKey, string>> = { kk, ru, en };
