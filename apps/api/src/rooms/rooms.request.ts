import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { VIDEO_PROVIDERS, VideoProviderKind } from '@qatys/domain';

export class JoinLinkGrantRequest {
  @ApiProperty({ description: 'the personal join token of the reminder link (`t=`)' })
  @IsString()
  @Length(20, 4000)
  token!: string;
}

export class VideoSettingsRequest {
  @ApiProperty({
    enum: VIDEO_PROVIDERS,
    nullable: true,
    description: 'null: inherit (program, then the default)',
  })
  @ValidateIf((_, v) => v !== null)
  @IsIn(VIDEO_PROVIDERS as unknown as string[])
  provider!: VideoProviderKind | null;

  @ApiPropertyOptional({ default: true, description: 'record the room (builtin, bigbluebutton)' })
  @IsOptional()
  @IsBoolean()
  record?: boolean;
}
