/**
 * The one client-side translator of the API's failures. The API answers every failure with a
 * stable `error` code (socket acknowledgements: `error.code`) and, for a 400, validation messages
 * in `details.errors` written by class-validator in English ("title.kk must be shorter than or
 * equal to 300 characters"); the roster import lists its bad rows with a code each. All of that
 * is put into the reader's language here, so no English sentence from the server reaches a kk or
 * ru page. Whatever cannot be recognised falls back to a plain sentence in the reader's language.
 */
import type { Language } from '../api/types';
import { errorText, ErrorStringKey, errorStringsReady, hasErrorText } from './error-text';

export { errorStringsReady, loadErrorStrings } from './error-text';

/** The text of a stable API code, or null when this client has no words for it. */
export function codeText(lang: Language, code: string | undefined | null): string | null {
  if (!code) return null;
  if (hasErrorText(lang, `code.${code}`)) return errorText(lang, `code.${code}` as ErrorStringKey);
  if (code.endsWith('_not_found') && errorStringsReady(lang)) return errorText(lang, 'code.not_found');
  return null;
}

/** class-validator's default messages (and the API's own "must not be blank"), by rule. */
const RULES: [RegExp, ErrorStringKey, ((m: RegExpExecArray) => Record<string, string>)?][] = [
  [/^must be shorter than or equal to (\d+) characters?$/, 'rule.maxLength', (m) => ({ n: m[1] })],
  [/^must be longer than or equal to (\d+) characters?$/, 'rule.minLength', (m) => ({ n: m[1] })],
  [/^should not be empty$/, 'rule.isNotEmpty'],
  [/^must not be (blank|empty)$/, 'rule.notBlank'],
  [/^must be a string$/, 'rule.isString'],
  [/^must be an integer number$/, 'rule.isInt'],
  [/^must be a number conforming to the specified constraints$/, 'rule.isNumber'],
  [/^must not be greater than (-?[\d.]+)$/, 'rule.max', (m) => ({ n: m[1] })],
  [/^must not be less than (-?[\d.]+)$/, 'rule.min', (m) => ({ n: m[1] })],
  [/^must be a UUID$/, 'rule.isUuid'],
  [/^must be an email$/, 'rule.isEmail'],
  [/^must be a URL address$/, 'rule.isUrl'],
  [/^should not exist$/, 'rule.unknownField'],
  [/^must be one of the following values: (.*)$/, 'rule.isIn', (m) => ({ values: m[1] })],
  [/^must be a boolean value$/, 'rule.isBoolean'],
  [/^must be an array$/, 'rule.isArray'],
  [/^must be a valid ISO 8601 date string$/, 'rule.isDate'],
  [/^must contain at least (\d+) elements?$/, 'rule.arrayMinSize', (m) => ({ n: m[1] })],
  [/^must contain (?:no|not) more than (\d+) elements?$/, 'rule.arrayMaxSize', (m) => ({ n: m[1] })],
  [/^must match .* regular expression$/, 'rule.matches'],
];

/** An English validation message of the API: a field path first ("title.kk must ...", "property x should not exist"). */
const API_MESSAGE =
  /^(?:property )?([A-Za-z_$][\w$]*(?:\[\d+\])?(?:\.[\w$]+(?:\[\d+\])?)*)(?::)? ([\x20-\x7E]+)$/;

export interface ValidationText {
  /** The field path as the API names it ("title.kk", "entries[0].expected"). */
  field: string;
  /** The rule in the reader's language, without the field ("не больше 300 символов"). */
  text: string;
}

/** One validation message of the API in the reader's language, or null when it is not one. */
export function validationText(lang: Language, message: string): ValidationText | null {
  const m = API_MESSAGE.exec(message.trim());
  if (!m) return null;
  const [, field, rest] = m;
  for (const [re, key, vars] of RULES) {
    const r = re.exec(rest.trim());
    if (r) return { field, text: errorText(lang, key, vars?.(r)) };
  }
  // An English sentence this client has no words for: a plain "not valid" (the field says which).
  return { field, text: lang === 'en' ? rest : errorText(lang, 'rule.other') };
}

const LANG_SUFFIX = /\.(kk|ru|en)$/;

/**
 * A message shown next to its field: an API validation message becomes the rule in the reader's
 * language (with the language it is about, for a kk / ru / en text); a message the page wrote
 * itself (already translated) is left as it is.
 */
export function fieldMessage(lang: Language, message: string): string {
  const v = validationText(lang, message);
  if (!v) return message;
  const sub = LANG_SUFFIX.exec(v.field)?.[1] as Language | undefined;
  return sub ? `${errorText(lang, `field.${sub}`)}: ${v.text}` : sentence(v.text);
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/** Every validation message of an API failure, as "field: rule" lines in the reader's language. */
export function validationLines(lang: Language, details: { errors?: unknown[] } | undefined): string[] {
  const list = Array.isArray(details?.errors) ? details!.errors : [];
  return list
    .filter((e): e is string => typeof e === 'string')
    .map((msg) => {
      const v = validationText(lang, msg);
      return v ? `${v.field}: ${v.text}` : lang === 'en' ? msg : errorText(lang, 'rule.other');
    });
}

export interface RosterRowProblem {
  line: number;
  code?: string;
  message: string;
  params?: Record<string, string | number>;
}

/** A refused roster CSV row in the reader's language (by its code; an older API's English message otherwise). */
export function rosterRowText(lang: Language, row: RosterRowProblem): string {
  const key = `rosterRow.${row.code ?? ''}`;
  if (row.code && hasErrorText(lang, key)) return errorText(lang, key as ErrorStringKey, row.params);
  return lang === 'en' ? row.message : sentence(errorText(lang, 'rule.other'));
}
