import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional } from 'class-validator';
import { POLL_KINDS, type EngagementText, type PollDefinition, type PollKind } from '@qatys/contracts';
import { HasSomeText } from '../catalog/catalog-common.request';

const TEXT_SCHEMA = {
  type: 'object',
  properties: { kk: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } },
  example: { kk: 'Кандидаттарды кім ұсынады?', ru: 'Кто выдвигает кандидатов?' },
} as const;

/** A poll or quiz question as the bank keeps it; the rules between fields are the domain's (invalid_poll). */
export class PollDefinitionRequest implements PollDefinition {
  @ApiProperty({
    enum: POLL_KINDS,
    description: 'single/multiple choice, rating, or short words (word cloud)',
  })
  @IsIn(POLL_KINDS)
  kind!: PollKind;

  @ApiProperty({ ...TEXT_SCHEMA, description: 'kk/ru/en, 1-300 characters each; one at least' })
  @IsObject()
  @HasSomeText()
  question!: EngagementText;

  @ApiPropertyOptional({
    type: 'array',
    items: TEXT_SCHEMA,
    description: 'single/multiple: 2-10 options, kk/ru/en, 1-200 characters each; none for rating and words',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  options?: EngagementText[];

  @ApiPropertyOptional({
    minimum: 1,
    description: 'multiple: at most this many options per answer (default all)',
  })
  @IsOptional()
  @IsInt()
  maxChoices?: number;

  @ApiPropertyOptional({ minimum: 2, maximum: 10, default: 5, description: 'rating: 1..scale' })
  @IsOptional()
  @IsInt()
  scale?: number;

  @ApiPropertyOptional({ default: false, description: 'results and exports never name who answered' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ default: false, description: 'answers may be changed until the poll closes' })
  @IsOptional()
  @IsBoolean()
  changeable?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'a quiz question (single/multiple, never anonymous): scores count toward completion',
  })
  @IsOptional()
  @IsBoolean()
  quiz?: boolean;

  @ApiPropertyOptional({
    type: [Number],
    example: [1],
    description: 'quiz: the 0-based indexes of the correct options (one for single choice)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  correct?: number[];
}

export class EngagementSettingsRequest {
  @ApiPropertyOptional({ description: 'the chat of the session (off by default)' })
  @IsOptional()
  @IsBoolean()
  chatEnabled?: boolean;

  @ApiPropertyOptional({ description: "attendees' messages to everyone wait for a moderator (default on)" })
  @IsOptional()
  @IsBoolean()
  chatPremoderation?: boolean;
}
