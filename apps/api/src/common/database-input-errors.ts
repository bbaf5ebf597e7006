import { QueryFailedError } from 'typeorm';

const MESSAGES: Record<string, string> = {
  '22001': 'A text is longer than allowed',
  '22003': 'A number is out of range',
  '22007': 'A date or time is malformed',
  '22008': 'A date or time is out of range',
  '22021': 'A text contains characters that are not allowed',
  '22P02': 'A value has the wrong form',
  '22P05': 'A text contains characters that are not allowed',
  '23502': 'A required value is missing',
};

/**
 * A value PostgreSQL refused as a value (data exceptions, class 22; a NOT NULL column given
 * null): the request was wrong, and a DTO lacks a bound that would have said so precisely.
 * The filter answers 400 `invalid_value` and logs one line (no stack) so the gap gets closed;
 * anything else the database says stays a 500.
 */
export function databaseInputError(e: unknown): { code: string; message: string } | undefined {
  if (!(e instanceof QueryFailedError)) return undefined;
  const code = (e.driverError as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const message = MESSAGES[code] ?? (code.startsWith('22') ? 'A value was refused' : undefined);
  return message ? { code, message } : undefined;
}
