import { HttpException, HttpStatus } from '@nestjs/common';

/** A 429 in the API's error shape; the error filter adds `Retry-After` from it. */
export class TooManyRequests extends HttpException {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(
      {
        code: 'too_many_requests',
        message: `${message}; try again in ${retryAfterSeconds} s`,
        details: { retryAfterSeconds },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
