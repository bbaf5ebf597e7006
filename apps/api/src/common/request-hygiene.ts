import type { NextFunction, Request, Response } from 'express';
import { sendError } from './domain-exception.filter';

/** Deeper JSON is refused before anything transforms or validates it (they recurse). */
export const MAX_JSON_DEPTH = 32;

export interface InputProblem {
  code: 'body_too_deep' | 'invalid_text' | 'forbidden_field';
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string, where: string): InputProblem | undefined {
  if (text.includes('\u0000')) {
    return { code: 'invalid_text', message: `${where}: text must not contain the NUL character (U+0000)` };
  }
  if (LONE_SURROGATE.test(text)) {
    return {
      code: 'invalid_text',
      message: `${where}: text must not contain a lone surrogate (U+D800-U+DFFF outside a pair)`,
    };
  }
  return undefined;
}

/**
 * The first thing in a parsed body (or query) no DTO should ever see: nesting deeper than
 * `maxDepth`, NUL or a lone surrogate in any text or field name (PostgreSQL refuses the first,
 * the second is not text at all), a `__proto__` field. Iterative, and it never descends past
 * `maxDepth`, so a hostile body cannot exhaust the stack here either.
 */
export function findInputProblem(
  value: unknown,
  root = 'body',
  maxDepth = MAX_JSON_DEPTH,
): InputProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v, path);
      if (p) return p;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      return { code: 'body_too_deep', message: `${root} is nested more than ${maxDepth} levels deep` };
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const at = path === root && root === 'body' ? key : `${path}.${key}`;
      if (key === '__proto__')
        return { code: 'forbidden_field', message: `${at} is not an allowed field name` };
      const p = textProblem(key, `${path} field name`);
      if (p) return p;
      stack.push({ value: (v as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Express middleware after the body parsers: every request's body, query string and path pass
 * the same check once, here, instead of in each DTO. A problem is a 400 in the API's error shape.
 */
export function requestHygiene(req: Request, res: Response, next: NextFunction): void {
  const path = req.originalUrl.split('?')[0];
  const problem: InputProblem | undefined = /%00/i.test(path)
    ? { code: 'invalid_text', message: 'path: must not contain the NUL character (U+0000)' }
    : (findInputProblem(req.query, 'query') ?? findInputProblem(req.body));
  if (problem) {
    sendError(res, 400, problem.code, problem.message);
    return;
  }
  next();
}
