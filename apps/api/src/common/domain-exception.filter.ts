import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@qatys/domain';
import type { Request, Response } from 'express';
import { databaseInputError } from './database-input-errors';
import { TooManyRequests } from './too-many-requests';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unsupported_media: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
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
    const refused = databaseInputError(exception);
    if (refused) {
      const req = host.switchToHttp().getRequest<Request>();
      this.logger.warn(
        `${req.method} ${req.path}: PostgreSQL refused a value (${refused.code}) no DTO check caught`,
      );
      res.status(400).json({ statusCode: 400, error: 'invalid_value', message: refused.message });
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

/** Answers in the API's error shape from plain Express middleware (outside Nest's filters). */
export function sendError(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ statusCode: status, error, message });
}

/**
 * Express error middleware for the body parsers, which fail before Nest sees the request:
 * oversize bodies get 413, malformed JSON 400, an unknown encoding or charset 415, and a body
 * that does not match its Content-Encoding (not gzip at all, truncated, corrupt) or its
 * Content-Length 400 — every one in the API's error shape, none of them logged as a failure.
 */
export function bodyParserErrors(
  err: { type?: string; status?: number; statusCode?: number } | undefined,
  _req: unknown,
  res: Response,
  next: (e?: unknown) => void,
): void {
  const status = err?.status ?? err?.statusCode;
  if (err?.type === 'entity.too.large') {
    sendError(res, 413, 'payload_too_large', 'Request body is too large');
  } else if (err?.type === 'entity.parse.failed') {
    sendError(res, 400, 'malformed_json', 'Request body is not valid JSON');
  } else if (err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') {
    sendError(res, 415, 'unsupported_encoding', 'Unsupported body encoding (Content-Encoding or charset)');
  } else if (err?.type === 'request.size.invalid') {
    sendError(res, 400, 'malformed_body', 'Request body is not as long as its Content-Length says');
  } else if (typeof status === 'number' && status >= 400 && status < 500) {
    // zlib's errors (Z_DATA_ERROR, unexpected end of file, brotli's) and aborted uploads.
    sendError(
      res,
      400,
      'malformed_body',
      'Request body could not be read: it does not match its Content-Encoding or was cut short',
    );
  } else {
    next(err);
  }
}
