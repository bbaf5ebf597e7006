import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CHAT_AUDIENCES,
  CHAT_MODERATION_ACTIONS,
  POLL_KINDS,
  REACTIONS,
  type ChatAudience,
  type ChatModerationAction,
  type EngagementText,
  type PollKind,
  type Reaction,
} from '@qatys/contracts';

/*
 * Payloads of the engagement events, validated like the API's DTOs (unknown fields and wrong
 * types refused). Rules that depend on the poll (options in range, one choice, the scale) and the
 * texts' lengths are the domain's (invalid_answer, invalid_poll, text_too_long).
 */

const uuid = (field: string) => IsUUID('all', { message: `${field} must be a UUID` });

export class SessionOnlyRequest {
  @uuid('sessionId')
  sessionId!: string;
}

export class PollDefinitionRequest {
  @IsIn(POLL_KINDS, { message: `kind must be one of ${POLL_KINDS.join(', ')}` })
  kind!: PollKind;

  @IsObject({ message: 'question must be an object of kk, ru and/or en texts' })
  question!: EngagementText;

  @IsOptional()
  @IsArray({ message: 'options must be a list' })
  @ArrayMaxSize(10, { message: 'options may hold at most 10 options' })
  @IsObject({ each: true, message: 'each option must be an object of kk, ru and/or en texts' })
  options?: EngagementText[];

  @IsOptional()
  @IsInt({ message: 'maxChoices must be an integer' })
  maxChoices?: number;

  @IsOptional()
  @IsInt({ message: 'scale must be an integer' })
  scale?: number;

  @IsOptional()
  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous?: boolean;

  @IsOptional()
  @IsBoolean({ message: 'changeable must be true or false' })
  changeable?: boolean;

  @IsOptional()
  @IsBoolean({ message: 'quiz must be true or false' })
  quiz?: boolean;

  @IsOptional()
  @IsArray({ message: 'correct must be a list of option indexes' })
  @ArrayMaxSize(10, { message: 'correct may hold at most 10 indexes' })
  @IsInt({ each: true, message: 'correct must be a list of option indexes' })
  correct?: number[];
}

export class PollCreateRequest {
  @uuid('sessionId')
  sessionId!: string;

  @IsOptional()
  @uuid('bankItemId')
  bankItemId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PollDefinitionRequest)
  @IsObject({ message: 'poll must be an object' })
  poll?: PollDefinitionRequest;

  @IsOptional()
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;
}

export class PollRefRequest {
  @uuid('pollId')
  pollId!: string;
}

export class PollRevealRequest {
  @uuid('pollId')
  pollId!: string;

  @IsOptional()
  @IsBoolean({ message: 'revealed must be true or false' })
  revealed?: boolean;
}

export class PollAnswerRequest {
  @uuid('pollId')
  pollId!: string;

  @IsOptional()
  @IsArray({ message: 'choices must be a list of option indexes' })
  @ArrayMaxSize(10, { message: 'choices may hold at most 10 options' })
  @IsInt({ each: true, message: 'choices must be a list of option indexes' })
  choices?: number[];

  @IsOptional()
  @IsInt({ message: 'rating must be an integer' })
  rating?: number;

  @IsOptional()
  @IsString({ message: 'words must be a string' })
  @MaxLength(200, { message: 'words must be at most 200 characters' })
  words?: string;
}

export class HandLowerRequest {
  @uuid('sessionId')
  sessionId!: string;

  @IsOptional()
  @uuid('userId')
  userId?: string;
}

export class HandTakeRequest {
  @uuid('sessionId')
  sessionId!: string;

  @uuid('userId')
  userId!: string;
}

export class ReactionSendRequest {
  @uuid('sessionId')
  sessionId!: string;

  @IsIn(REACTIONS, { message: `reaction must be one of ${REACTIONS.join(', ')}` })
  reaction!: Reaction;
}

export class ChatSendRequest {
  @uuid('sessionId')
  sessionId!: string;

  // 1-500 characters after trimming is the domain's rule (text_too_short / text_too_long).
  @IsString({ message: 'text must be a string' })
  text!: string;

  @IsOptional()
  @IsIn(CHAT_AUDIENCES, { message: `to must be one of ${CHAT_AUDIENCES.join(', ')}` })
  to?: ChatAudience;
}

export class ChatModerateRequest {
  @uuid('messageId')
  messageId!: string;

  @IsIn(CHAT_MODERATION_ACTIONS, { message: `action must be one of ${CHAT_MODERATION_ACTIONS.join(', ')}` })
  action!: ChatModerationAction;
}

export class ChatMuteRequest {
  @uuid('sessionId')
  sessionId!: string;

  @uuid('userId')
  userId!: string;

  @IsOptional()
  @IsBoolean({ message: 'muted must be true or false' })
  muted?: boolean;
}
