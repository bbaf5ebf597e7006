import type { LiveAck, LiveError, LiveErrorCode } from '@qatys/contracts';

/** Every client event is acknowledged with one of these (the contract: libs/contracts/src/live-events.ts). */
export type { LiveAck };

export const ack = <T>(data: T): LiveAck<T> => ({ ok: true, data });
export const nack = (
  code: LiveErrorCode,
  message: string,
  details?: LiveError['details'],
): LiveAck<never> => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});
