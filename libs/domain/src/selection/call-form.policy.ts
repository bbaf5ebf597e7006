import { invalid } from '../shared/domain.errors';
import { LANGUAGES, LocalizedText } from '../shared/localized-text';
import type { FormAnswers } from './application.entity';
import { FORM_FIELD_TYPES, FormField, FormFieldOption } from './call.entity';

export const FORM_MAX_FIELDS = 50;
export const TEXT_ANSWER_MAX = 10_000;
export const DEFAULT_TEXT_ANSWER_MAX = 2000;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const LABEL_MAX = 500;

/** A label in one to three languages (kk/ru/en), each non-empty; `field` names it in the error. */
export function normalizeLabel(label: unknown, field: string): LocalizedText {
  if (!label || typeof label !== 'object' || Array.isArray(label)) {
    throw invalid('invalid_label', `${field} must be an object with kk, ru and/or en`);
  }
  const out: LocalizedText = {};
  for (const [lang, text] of Object.entries(label as Record<string, unknown>)) {
    if (!(LANGUAGES as readonly string[]).includes(lang)) {
      throw invalid('invalid_label', `${field}.${lang}: languages are kk, ru and en`);
    }
    if (typeof text !== 'string' || !text.trim() || text.length > LABEL_MAX) {
      throw invalid('invalid_label', `${field}.${lang} must be 1-${LABEL_MAX} characters`);
    }
    out[lang as keyof LocalizedText] = text.trim();
  }
  if (!Object.keys(out).length) throw invalid('invalid_label', `${field} needs at least one of kk, ru, en`);
  return out;
}

/** Checks an organizer's form definition and returns it in canonical shape (unknown keys dropped). */
export function normalizeForm(fields: readonly FormField[]): FormField[] {
  if (fields.length > FORM_MAX_FIELDS) {
    throw invalid('invalid_form', `form has ${fields.length} fields; at most ${FORM_MAX_FIELDS}`);
  }
  const seen = new Set<string>();
  return fields.map((f, i) => {
    const at = `form[${i}]`;
    if (typeof f.key !== 'string' || !KEY.test(f.key)) {
      throw invalid(
        'invalid_form',
        `${at}.key must be lower-case letters, digits and _ (1-40, a letter first)`,
      );
    }
    if (seen.has(f.key)) throw invalid('invalid_form', `${at}.key "${f.key}" is used twice`);
    seen.add(f.key);
    if (!FORM_FIELD_TYPES.includes(f.type)) {
      throw invalid('invalid_form', `${at}.type must be one of ${FORM_FIELD_TYPES.join(', ')}`);
    }
    const base: FormField = {
      key: f.key,
      type: f.type,
      label: normalizeLabel(f.label, `${at}.label`),
      required: f.required === true,
    };
    switch (f.type) {
      case 'text': {
        const maxLength = f.maxLength ?? DEFAULT_TEXT_ANSWER_MAX;
        if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > TEXT_ANSWER_MAX) {
          throw invalid('invalid_form', `${at}.maxLength must be a whole number 1-${TEXT_ANSWER_MAX}`);
        }
        return { ...base, maxLength };
      }
      case 'choice': {
        const options = f.options ?? [];
        if (!options.length)
          throw invalid('invalid_form', `${at}.options: a choice needs at least one option`);
        const values = new Set<string>();
        const normalized: FormFieldOption[] = options.map((o, j) => {
          if (typeof o.value !== 'string' || !o.value.trim() || o.value.length > 100) {
            throw invalid('invalid_form', `${at}.options[${j}].value must be 1-100 characters`);
          }
          if (values.has(o.value))
            throw invalid('invalid_form', `${at}.options[${j}].value "${o.value}" is used twice`);
          values.add(o.value);
          return { value: o.value, label: normalizeLabel(o.label, `${at}.options[${j}].label`) };
        });
        return { ...base, options: normalized };
      }
      case 'number': {
        for (const b of ['min', 'max'] as const) {
          if (f[b] !== undefined && !Number.isFinite(f[b]))
            throw invalid('invalid_form', `${at}.${b} must be a number`);
        }
        if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
          throw invalid('invalid_form', `${at}: min (${f.min}) is greater than max (${f.max})`);
        }
        return {
          ...base,
          ...(f.min !== undefined ? { min: f.min } : {}),
          ...(f.max !== undefined ? { max: f.max } : {}),
          integer: f.integer === true,
        };
      }
      case 'file_link':
        return base;
    }
  });
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

/**
 * Checks an applicant's answers against the form: every problem is reported at once (400
 * `invalid_answers`, details.errors), answers to unknown questions are refused, text is trimmed,
 * empty optional answers are dropped.
 */
export function validateAnswers(form: readonly FormField[], answers: Record<string, unknown>): FormAnswers {
  const errors: string[] = [];
  const byKey = new Map(form.map((f) => [f.key, f]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) errors.push(`answers.${key}: the form has no such question`);
  }
  const out: FormAnswers = {};
  for (const f of form) {
    const at = `answers.${f.key}`;
    let v = answers[f.key];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || v === '') {
      if (f.required) errors.push(`${at} is required`);
      continue;
    }
    switch (f.type) {
      case 'text':
        if (typeof v !== 'string') errors.push(`${at} must be text`);
        else if (v.length > (f.maxLength ?? DEFAULT_TEXT_ANSWER_MAX))
          errors.push(`${at} is ${v.length} characters; at most ${f.maxLength ?? DEFAULT_TEXT_ANSWER_MAX}`);
        else out[f.key] = v;
        break;
      case 'choice':
        if (typeof v !== 'string' || !f.options?.some((o) => o.value === v))
          errors.push(`${at} must be one of ${f.options?.map((o) => o.value).join(', ')}`);
        else out[f.key] = v;
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`${at} must be a number`);
        else if (f.integer && !Number.isInteger(v)) errors.push(`${at} must be a whole number`);
        else if (f.min !== undefined && v < f.min) errors.push(`${at} must be at least ${f.min} (got ${v})`);
        else if (f.max !== undefined && v > f.max) errors.push(`${at} must be at most ${f.max} (got ${v})`);
        else out[f.key] = v;
        break;
      case 'file_link':
        if (typeof v !== 'string' || v.length > 2000 || !isHttpUrl(v))
          errors.push(`${at} must be an http(s) link to the file (at most 2000 characters)`);
        else out[f.key] = v;
        break;
    }
  }
  if (errors.length) throw invalid('invalid_answers', errors.join('; '), { errors });
  return out;
}
