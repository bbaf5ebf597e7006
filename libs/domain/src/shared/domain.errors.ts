/**
 * Errors the domain raises; each app maps `kind` to its transport (HTTP status, socket ack code).
 * The domain never imports HTTP types.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  /** A body of a kind the operation does not take (an upload that is not an image it accepts). */
  | 'unsupported_media';

export class DomainError extends Error {
  constructor(
    public readonly kind: DomainErrorKind,
    public readonly code: string,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details);
export const notFound = (what: string, id: string | number) =>
  new DomainError(
    'not_found',
    `${what.toLowerCase().replace(/\s+/g, '_')}_not_found`,
    `${what} ${id} not found`,
  );
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const forbidden = (message = 'You do not have the right to do this') =>
  new DomainError('forbidden', 'forbidden', message);
export const unauthorized = (message = 'Authentication required') =>
  new DomainError('unauthorized', 'unauthorized', message);
