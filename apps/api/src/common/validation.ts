import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      // class-validator names the property alone; show the full path for nested fields.
      m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`,
    );
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Unknown fields are refused (no mass assignment), types are converted only where a DTO says so,
 * and every message names the field it is about.
 */
/** The largest value of a Postgres `integer`: ids and counts above it are a 400, not a driver error. */
export const INT4_MAX = 2_147_483_647;

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const messages = flatten(errors);
    return new BadRequestException({
      code: 'validation_failed',
      message: messages.join('; '),
      details: { errors: messages },
    });
  },
});
