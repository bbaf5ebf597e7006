/** Every client event is acknowledged with one of these (see ARCHITECTURE.md, public surface). */
export type LiveAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export const ack = <T>(data: T): LiveAck<T> => ({ ok: true, data });
export const nack = (code: string, message: string): LiveAck<never> => ({
  ok: false,
  error: { code, message },
});
