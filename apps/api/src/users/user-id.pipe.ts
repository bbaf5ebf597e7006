import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A user id in the path must be a UUID; anything else is a 400 naming the parameter, not a database error. */
export const UserIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ code: 'validation_failed', message: 'id must be a UUID' }),
});
