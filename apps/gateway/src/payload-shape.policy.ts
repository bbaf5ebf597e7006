import type { LiveError } from '@qatys/contracts';
import { isStorableText } from '@qatys/domain';

/**
 * Bounds of any client payload, checked before anything else looks at it. Every event takes a flat
 * object of a few fields; these leave room for growth while keeping recursive libraries
 * (class-transformer, class-validator, JSON.stringify) far from their stack limits.
 */
export const PAYLOAD_LIMITS = { maxDepth: 8, maxValues: 1_000 } as const;

/** Names that would reach an instance's prototype or constructor once copied onto it. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether a decoded payload is a plain JSON value within the limits: walked iteratively (a
 * payload nested 30,000 deep fits in 64 KB), stopping at the first problem. Every string, field
 * names included, must be storable text (no NUL, no unpaired surrogate). Binary attachments are
 * refused: no event takes them.
 */
export function inspectPayload(
  event: string,
  body: unknown,
  limits: { maxDepth: number; maxValues: number } = PAYLOAD_LIMITS,
): LiveError | null {
  // [value, depth, the top-level field it sits in (for the message)]
  const stack: [unknown, number, string | undefined][] = [[body, 0, undefined]];
  let values = 0;
  while (stack.length) {
    const [value, depth, field] = stack.pop()!;
    if (++values > limits.maxValues) {
      return { code: 'invalid_payload', message: `${event}: the payload holds too many values` };
    }
    if (typeof value === 'string') {
      if (!isStorableText(value)) return badText(event, field === undefined ? 'the payload' : label(field));
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.maxDepth) {
      return { code: 'invalid_payload', message: `${event}: the payload is nested too deep` };
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1, field]);
      continue;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      return { code: 'invalid_payload', message: `${event}: binary data is not accepted` };
    }
    for (const key of Object.keys(value)) {
      if (!isStorableText(key)) return badText(event, 'a field name');
      if (FORBIDDEN_KEYS.has(key)) {
        return { code: 'invalid_payload', message: `${event}: unknown field "${key}"` };
      }
      stack.push([(value as Record<string, unknown>)[key], depth + 1, field ?? key]);
    }
  }
  return null;
}

function badText(event: string, what: string): LiveError {
  return {
    code: 'invalid_text',
    message: `${event}: ${what} holds a NUL character or an unpaired surrogate`,
  };
}

/** A client-chosen name (event, field) as it may appear in a message: short and printable. */
export function label(name: unknown): string {
  const s = typeof name === 'string' ? name : String(name);
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, '?');
  return clean.length > 48 ? `${clean.slice(0, 48)}…` : clean;
}
