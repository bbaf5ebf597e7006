import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A path id that must be a UUID; the 400 names the parameter instead of Nest's generic text. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({ code: 'invalid_id', message: `${name} must be a UUID` }),
  });
