import { ApiProperty } from '@nestjs/swagger';
import type { Speaker } from '@qatys/domain';
import { LocalizedTextResponse, PageMetaResponse } from './catalog-common.response';

export class SpeakerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: LocalizedTextResponse }) bio!: LocalizedTextResponse;
  @ApiProperty({ type: String, nullable: true }) affiliation!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/speakers/0b9c.../photo?v=3f2a9c01d4e5b6a7',
    description:
      "the photo for organizers and admins (bearer token; drafts included), versioned so a new photo is a new URL; null: none. Pages anybody sees use the public speaker's photoUrl",
  })
  photoUrl!: string | null;

  /** `photoVersion`: the sha256 of the current photo, if any. */
  static of(s: Speaker, photoVersion?: string): SpeakerResponse {
    return {
      id: s.id,
      fullName: s.fullName,
      bio: s.bio,
      affiliation: s.affiliation,
      userId: s.userId,
      photoUrl: photoUrl(`/speakers/${s.id}/photo`, photoVersion),
    };
  }
}

/** A photo's URL with its version (the start of its sha256), so caches fetch a replaced photo anew. */
export function photoUrl(path: string, version: string | undefined): string | null {
  return version ? `${path}?v=${version.slice(0, 16)}` : null;
}

export class SpeakerPageResponse extends PageMetaResponse {
  @ApiProperty({ type: [SpeakerResponse] }) items!: SpeakerResponse[];
}
