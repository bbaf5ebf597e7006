/**
 * An applicant's answer checked as the API checks it (libs/domain/src/selection/call-form.policy.ts):
 * the problem is named here, in the reader's language, before anything is sent; what the server
 * still refuses (invalid_answers, details.errors "answers.<key> ...") is put next to its question.
 */
import type { ApiError } from '../api/http';
import type { FormField } from './selection-types';
import type { Sel } from './selection-ui';

export type AnswerProblem =
  | { kind: 'required' | 'number' | 'integer' | 'choice' | 'url' | 'date' | 'server' }
  | { kind: 'min'; min: number }
  | { kind: 'max'; max: number }
  | { kind: 'tooLong'; max: number; n: number };

export const DEFAULT_TEXT_MAX = 2000;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

/** The typed value to send (undefined: left empty), or what is wrong with the input. */
export function toAnswer(f: FormField, raw: string): { value?: string | number; problem?: AnswerProblem } {
  const v = raw.trim();
  if (!v) return f.required ? { problem: { kind: 'required' } } : {};
  switch (f.type) {
    case 'text': {
      const max = f.maxLength ?? DEFAULT_TEXT_MAX;
      return v.length > max ? { problem: { kind: 'tooLong', max, n: v.length } } : { value: v };
    }
    case 'choice':
      return f.options?.some((o) => o.value === v) ? { value: v } : { problem: { kind: 'choice' } };
    case 'number': {
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n)) return { problem: { kind: 'number' } };
      if (f.integer && !Number.isInteger(n)) return { problem: { kind: 'integer' } };
      if (f.min !== undefined && n < f.min) return { problem: { kind: 'min', min: f.min } };
      if (f.max !== undefined && n > f.max) return { problem: { kind: 'max', max: f.max } };
      return { value: n };
    }
    case 'file_link':
      return v.length <= 2000 && isHttpUrl(v) ? { value: v } : { problem: { kind: 'url' } };
  }
}

export function answerError(sel: Sel, p: AnswerProblem, _f?: FormField): string {
  switch (p.kind) {
    case 'min':
      return sel.s('v.min', { min: sel.num(p.min) });
    case 'max':
      return sel.s('v.max', { max: sel.num(p.max) });
    case 'tooLong':
      return sel.s('v.tooLong', { max: p.max, n: p.n });
    default:
      return sel.s(`v.${p.kind}`);
  }
}

/** The server's list of answer problems, by question key, as the same kinds (the English text stays unread). */
export function serverAnswerProblems(e: ApiError): Record<string, AnswerProblem> {
  const out: Record<string, AnswerProblem> = {};
  const errors = Array.isArray(e.details?.errors) ? e.details!.errors : [];
  for (const m of errors) {
    if (typeof m !== 'string') continue;
    const hit = /^answers\.([a-z][a-z0-9_]*)\b(.*)$/.exec(m);
    if (!hit) continue;
    const rest = hit[2];
    out[hit[1]] = /is required/.test(rest)
      ? { kind: 'required' }
      : /whole number/.test(rest)
        ? { kind: 'integer' }
        : /must be a number/.test(rest)
          ? { kind: 'number' }
          : /must be one of/.test(rest)
            ? { kind: 'choice' }
            : /link/.test(rest)
              ? { kind: 'url' }
              : { kind: 'server' };
  }
  return out;
}
