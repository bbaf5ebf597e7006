import { Logger } from '@nestjs/common';
import { LIVE_ERROR_CODES, LiveAck, LiveErrorCode } from '@qatys/contracts';
import { DomainError } from '@qatys/domain';

const KNOWN = new Set<string>(LIVE_ERROR_CODES);
const BY_KIND: Record<DomainError['kind'], LiveErrorCode> = {
  invalid: 'invalid_payload',
  not_found: 'session_not_found',
  conflict: 'invalid_transition',
  forbidden: 'forbidden',
  unauthorized: 'forbidden',
  unsupported_media: 'invalid_payload',
};

const logger = new Logger('LiveErrors');

/**
 * Runs a handler and turns every failure into an `{ ok: false }` acknowledgement: a domain error
 * keeps its code and message; anything else is logged and answered `internal` without details.
 */
export async function answer<T>(work: () => Promise<T>): Promise<LiveAck<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (e) {
    return failure(e);
  }
}

/** A handler's failure as its acknowledgement (see `answer`). */
export function failure(e: unknown): LiveAck<never> {
  if (e instanceof DomainError) {
    const code = KNOWN.has(e.code) ? (e.code as LiveErrorCode) : BY_KIND[e.kind];
    return { ok: false, error: { code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
  }
  logger.error((e as Error).stack ?? String(e));
  return {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong on the server; nothing changed' },
  };
}
