import { applyDecorators } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DECORATORS,
  SecurityRequirementObject,
} from '@nestjs/swagger';
import type { Role } from '@qatys/domain';
import { IS_PUBLIC, Public as skipAuthGuard, Roles as requireRoles } from './current-actor.decorator';

/**
 * OpenAPI decorators that keep the document at /docs-json true to what the routes do: one error
 * schema, each operation's real security, and the non-JSON answers (CSV, iCalendar) with their
 * content types. `test/api/openapi.e2e-spec.ts` fails when an operation lacks any of them or when
 * the declared security is not what the server enforces.
 */

/** Names of the security schemes registered in api.bootstrap.ts. */
export const BEARER_SCHEME = 'bearer';
export const CALENDAR_FEED_SCHEME = 'calendarFeedToken';
export const METRICS_SCHEME = 'metricsToken';

/** The body of every 4xx/5xx answer (ErrorFilter and the body-parser handler write it). */
export class ErrorResponse {
  @ApiProperty({ example: 404, description: 'the HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({
    example: 'session_not_found',
    description:
      'stable machine code to branch on and translate (validation_failed, unauthorized, forbidden, <thing>_not_found, speaker_conflict, ...)',
  })
  error!: string;

  @ApiProperty({
    example: 'Session 0b9c... not found',
    description: 'for people (English); names the field at fault',
  })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { errors: ['title must be an object'] },
    description:
      'specifics for programs: e.g. errors (validation), conflicts (speaker_conflict), choices (ambiguous_wall_time)',
  })
  details?: Record<string, unknown>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'Invalid input: validation_failed (naming the field), malformed_json, or the rule it breaks (its own code)',
  401: 'Missing, invalid or expired credentials: unauthorized',
  403: 'Signed in, but not allowed to do this: forbidden',
  404: 'No such thing, or not one the caller may see: <thing>_not_found',
  409: 'Conflicts with the current state (its own code); nothing was changed',
  413: 'Request body larger than BODY_LIMIT: payload_too_large',
  415: 'Unsupported body charset or encoding: unsupported_encoding',
  429: 'Too many attempts: too_many_requests; try again later',
};

/**
 * Error answers of an operation (or of every operation of a controller), all with the shared
 * ErrorResponse schema. Give a status alone for the generic text, or `[status, text]` to say which
 * codes the operation returns.
 */
export function ApiErrors(...errors: Array<ErrorStatus | [ErrorStatus, string]>) {
  return applyDecorators(
    ...errors.map((e) => {
      const [status, text] = Array.isArray(e) ? e : [e, ERROR_TEXT[e]];
      return ApiResponse({ status, description: text, type: ErrorResponse });
    }),
  );
}

/** A JSON request body: invalid (400) and oversize (413). */
export const ApiJsonBodyErrors = () => ApiErrors(400, 413);

const SECURITY_SET = 'qatys:openapi-security';

/** Writes the operation's `security`, which wins over anything declared on the controller. */
function operationSecurity(security: SecurityRequirementObject[]): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as object;
    const operation = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) ?? {}) as object;
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security }, handler);
    Reflect.defineMetadata(SECURITY_SET, true, handler);
    return descriptor;
  };
}

/**
 * On a method: that route. On a controller: each of its routes that has not chosen its security
 * itself (method decorators run before class decorators) and is not @Public().
 */
function perRoute(decorate: () => MethodDecorator): ClassDecorator & MethodDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return decorate()(target, key!, descriptor);
    const proto = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      const handler = d?.value as object | undefined;
      // Route handlers only (not the constructor: the class itself, which carries the controller's path).
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(SECURITY_SET, handler) || Reflect.getMetadata(IS_PUBLIC, handler)) continue;
      decorate()(proto, name, d!);
    }
    return undefined;
  }) as ClassDecorator & MethodDecorator;
}

/** Needs a bearer access token (the global AuthGuard's default): `security: [{ bearer: [] }]`, 401. */
export const Bearer = () =>
  perRoute(() => applyDecorators(operationSecurity([{ [BEARER_SCHEME]: [] }]), ApiErrors(401)));

/**
 * No token needed: skips the AuthGuard and declares `security: []`. With `optionalBearer`, a
 * bearer token is read when sent (OptionalActorGuard) and may show more: `[{}, { bearer: [] }]`.
 */
export function Public(options: { optionalBearer?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    skipAuthGuard(),
    operationSecurity(options.optionalBearer ? [{}, { [BEARER_SCHEME]: [] }] : []),
  );
}

/**
 * Authenticated by the calendar feed token in `?token=` instead of a bearer token (calendar apps
 * cannot send headers): the AuthGuard is skipped and the route answers 401 itself.
 */
export const CalendarFeedToken = (): MethodDecorator =>
  applyDecorators(skipAuthGuard(), operationSecurity([{ [CALENDAR_FEED_SCHEME]: [] }]), ApiErrors(401));

/**
 * Prometheus' /metrics: open while METRICS_TOKEN is empty (development, a port kept internal),
 * else the metrics bearer token (not a person's access token); the route checks it itself.
 */
export const MetricsToken = (): MethodDecorator =>
  applyDecorators(skipAuthGuard(), operationSecurity([{}, { [METRICS_SCHEME]: [] }]), ApiErrors(401));

/** Needs one of these roles (checked by the AuthGuard after the token): 403 otherwise. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    requireRoles(...roles),
    ApiErrors([403, `Needs one of the roles ${roles.join(', ')}: forbidden`]),
  );

/** A text answer that is not JSON (its errors stay JSON). */
function textResponse(contentType: string, description: string, example: string) {
  return ApiOkResponse({
    description,
    content: { [contentType]: { schema: { type: 'string', example } } },
  });
}

/** `text/csv; charset=utf-8` (RFC 4180, CRLF). */
export const ApiCsvResponse = (description: string, example: string) =>
  textResponse('text/csv', `${description} (text/csv; charset=utf-8, RFC 4180, CRLF line ends)`, example);

/** `text/calendar; charset=utf-8` (RFC 5545). */
export const ApiIcsResponse = (description = 'iCalendar (RFC 5545), text/calendar; charset=utf-8') =>
  textResponse(
    'text/calendar',
    description,
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Qatys//EN\r\n...\r\nEND:VCALENDAR\r\n',
  );
