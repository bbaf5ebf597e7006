import { plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { QUESTION_MODERATION_ACTIONS, type LiveError, type QuestionModerationAction } from '@qatys/contracts';

/** Socket payloads, validated like the API's DTOs: unknown fields and wrong types are refused. */
export class SessionRefPayload {
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId!: string;
}

export class QuestionAskRequest {
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId!: string;

  // The 3-500 character rule (after trimming) is the domain's (text_too_short / text_too_long);
  // a message is at most 64 KB anyway.
  @IsString({ message: 'text must be a string' })
  text!: string;

  @IsOptional()
  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous?: boolean;
}

export class QuestionUpvoteRequest {
  @IsUUID('all', { message: 'questionId must be a UUID' })
  questionId!: string;

  @IsOptional()
  @IsBoolean({ message: 'up must be true or false' })
  up?: boolean;
}

export class QuestionModerateRequest {
  @IsUUID('all', { message: 'questionId must be a UUID' })
  questionId!: string;

  @IsIn(QUESTION_MODERATION_ACTIONS, {
    message: `action must be one of ${QUESTION_MODERATION_ACTIONS.join(', ')}`,
  })
  action!: QuestionModerationAction;
}

export class AuthRefreshRequest {
  @IsString({ message: 'token must be a string' })
  @MaxLength(4096, { message: 'token must be at most 4096 characters' })
  token!: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Payloads that are certainly valid, recognised without class-transformer: a join burst is
 * thousands of `{ sessionId }` a second, and building and validating an instance for each costs
 * more than the rest of the join's own work. Anything else takes the full path (and its messages).
 */
const CERTAINLY_VALID = new Map<new () => object, (body: Record<string, unknown>) => boolean>([
  [
    SessionRefPayload,
    (b) => {
      for (const k in b) if (k !== 'sessionId') return false;
      return typeof b.sessionId === 'string' && UUID.test(b.sessionId);
    },
  ],
]);

const messages = (errors: ValidationError[]): string[] =>
  errors.flatMap((e) =>
    e.constraints
      ? Object.values(e.constraints).map((m) =>
          m.includes('should not exist') ? `unknown field "${e.property}"` : m,
        )
      : messages(e.children ?? []),
  );

/** The payload as an instance of `type`, or the error to acknowledge with. */
export function validatePayload<T extends object>(
  type: new () => T,
  event: string,
  body: unknown,
): { ok: true; value: T } | { ok: false; error: LiveError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: { code: 'invalid_payload', message: `${event} takes a JSON object` } };
  }
  if (CERTAINLY_VALID.get(type)?.(body as Record<string, unknown>)) return { ok: true, value: body as T };
  const value = plainToInstance(type, body);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    return {
      ok: false,
      error: { code: 'invalid_payload', message: `${event}: ${messages(errors).join('; ')}` },
    };
  }
  return { ok: true, value };
}
