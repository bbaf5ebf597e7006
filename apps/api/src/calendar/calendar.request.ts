import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, Language } from '@qatys/domain';

export class SessionCalendarQuery {
  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the signed-in reader's language, else ru" })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

export class PersonalFeedQuery {
  /**
   * The feed token from POST /me/calendar-token. Documented as the calendarFeedToken security
   * scheme (an API key in ?token=) rather than as a parameter: missing or wrong, it is a 401.
   */
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "default: the feed owner's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}
