import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export class LiveSettingsRequest {
  @ApiPropertyOptional({
    example: 15,
    minimum: 0,
    maximum: 1440,
    description: 'attendees may join this many minutes before the start',
  })
  @ValidateIf((o: LiveSettingsRequest) => o.joinWindowMinutes !== undefined)
  @IsInt()
  @Min(0)
  @Max(1440)
  joinWindowMinutes?: number;

  @ApiPropertyOptional({
    example: true,
    description: 'questions wait for a moderator before the audience sees them',
  })
  @ValidateIf((o: LiveSettingsRequest) => o.qaPremoderation !== undefined)
  @IsBoolean()
  qaPremoderation?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://video.example/recording/42',
    description: 'sent with the "thank you" follow-up; null removes it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'recordingUrl must be an http(s) URL' },
  )
  recordingUrl?: string | null;
}

export class CompletionRuleRequest {
  @ApiPropertyOptional({
    example: 75,
    minimum: 1,
    maximum: 100,
    description:
      'a session counts as completed at this % of its scheduled time present (the API name keeps "attended" for compatibility)',
  })
  @ValidateIf((o: CompletionRuleRequest) => o.attendedThresholdPercent !== undefined)
  @IsInt()
  @Min(1)
  @Max(100)
  attendedThresholdPercent?: number;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 3,
    minimum: 1,
    description: 'modules to attend to complete the program (N of M); null = all of them',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  modulesRequired?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 60,
    minimum: 1,
    maximum: 100,
    description:
      "completion also needs this quiz score: % of the quiz points offered in the person's sessions (closed quizzes); null = no quiz requirement",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  minQuizScorePercent?: number | null;
}

export class ReportQuery {
  @ApiPropertyOptional({
    example: 'Asia/Qostanay',
    description: "render times in this IANA zone (default: the reader's profile zone)",
  })
  @IsOptional()
  @IsTimeZone()
  tz?: string;
}
