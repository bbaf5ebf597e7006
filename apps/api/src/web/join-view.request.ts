import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

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
}
