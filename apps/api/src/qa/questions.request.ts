import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsTimeZone, Max, Min } from 'class-validator';
import type { QuestionStatus } from '@qatys/contracts';
import { QUESTION_STATUSES, QuestionOrder } from '@qatys/domain';

export class ListQuestionsQuery {
  @ApiPropertyOptional({ enum: ['votes', 'time'], default: 'votes', description: 'pinned first either way' })
  @IsOptional()
  @IsIn(['votes', 'time'])
  order: QuestionOrder = 'votes';

  @ApiPropertyOptional({ example: 16, description: "the asker's region" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  regionId?: number;

  @ApiPropertyOptional({ enum: QUESTION_STATUSES, description: 'attendees: approved or answered only' })
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;

  @ApiPropertyOptional({ example: 'Asia/Qostanay' })
  @IsOptional()
  @IsTimeZone()
  tz?: string;
}
