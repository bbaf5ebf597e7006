import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class JoinViewRequest {
  @ApiProperty({ description: 'the personal join token of the reminder link (`t=`)' })
  @IsString()
  @Length(20, 4000)
  token!: string;

  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    description: 'page of the questions (by votes, pinned first)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  questionsPage?: number;

  @ApiPropertyOptional({
    enum: ['votes', 'time'],
    default: 'votes',
    description:
      'order of the questions: by votes (pinned first), or newest first (to catch up after joining)',
  })
  @IsOptional()
  @IsIn(['votes', 'time'])
  questionsOrder?: 'votes' | 'time';
}
