import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Speaker } from '@qatys/domain';
import { LocalizedTextResponse, PageMetaResponse } from './catalog-common.response';

export class SpeakerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: LocalizedTextResponse }) bio!: LocalizedTextResponse;
  @ApiPropertyOptional({ type: String, nullable: true }) affiliation!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;

  static of(s: Speaker): SpeakerResponse {
    return { id: s.id, fullName: s.fullName, bio: s.bio, affiliation: s.affiliation, userId: s.userId };
  }
}

export class SpeakerPageResponse extends PageMetaResponse {
  @ApiProperty({ type: [SpeakerResponse] }) items!: SpeakerResponse[];
}
