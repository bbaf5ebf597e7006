import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@qatys/domain';
import type { Response } from 'express';
import { TooManyRequests } from './too-many-requests';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

/**
 * One error shape for every failure: `{ statusCode, error, message, details? }`, where `error` is
 * a stable machine code. Unknown errors become 500 without leaking their text.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      res.status(STATUS[exception.kind]).json({
        statusCode: STATUS[exception.kind],
        error: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      });
      return;
    }
    if (exception instanceof HttpException) {
      if (exception instanceof TooManyRequests)
        res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      const status = exception.getStatus();
      const body = exception.getResponse();
      const b = (typeof body === 'string' ? { message: body } : body) as Record<string, unknown>;
      res.status(status).json({
        statusCode: status,
        error: (b.code as string) ?? codeFor(status),
        message: b.message ?? exception.message,
        ...(b.details ? { details: b.details } : {}),
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(500).json({ statusCode: 500, error: 'internal', message: 'Internal server error' });
  }
}

function codeFor(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'too_many_requests';
    default:
      return 'error';
  }
}

/**
 * Express error middleware for the body parsers, which fail before Nest sees the request:
 * oversize bodies get 413 and malformed JSON a 400, both in the API's error shape.
 */
export function bodyParserErrors(
  err: { type?: string; status?: number } | undefined,
  _req: unknown,
  res: Response,
  next: (e?: unknown) => void,
): void {
  if (err?.type === 'entity.too.large') {
    res
      .status(413)
      .json({ statusCode: 413, error: 'payload_too_large', message: 'Request body is too large' });
  } else if (err?.type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ statusCode: 400, error: 'malformed_json', message: 'Request body is not valid JSON' });
  } else if (err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') {
    res
      .status(415)
      .json({ statusCode: 415, error: 'unsupported_encoding', message: 'Unsupported body encoding' });
  } else {
    next(err);
  }
}
