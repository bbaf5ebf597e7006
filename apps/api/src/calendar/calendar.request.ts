import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, Language } from '@qatys/domain';

export class SessionCalendarQuery {
  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the signed-in reader's language, else ru" })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

export class PersonalFeedQuery {
  @ApiPropertyOptional({ description: 'the feed token from POST /me/calendar-token' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the feed owner's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}
