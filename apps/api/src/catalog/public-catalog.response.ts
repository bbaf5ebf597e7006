import { ApiProperty, OmitType } from '@nestjs/swagger';
import type { ProgramWithModules, SessionReadModel, Speaker } from '@qatys/domain';
import { LANGUAGES, PROGRAM_STATUSES } from '@qatys/domain';
import { LocalizedTextResponse, PageMetaResponse } from './catalog-common.response';
import { ModuleResponse } from './programs.response';
import { SessionResponse, SessionSummaryResponse } from './sessions.response';
import { photoUrl } from './speakers.response';

/** Seats still free (null: no limit); never below zero. */
const seatsLeft = (s: SessionReadModel): number | null =>
  s.capacity === null ? null : Math.max(0, s.capacity - s.registeredCount);

/** A program as anybody may read it: no reminder or quiet-hour settings. */
export class PublicProgramResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) description!: LocalizedTextResponse;
  @ApiProperty({ example: 'Asia/Almaty' }) defaultTimeZone!: string;
  @ApiProperty({ enum: LANGUAGES }) defaultLanguage!: string;
  @ApiProperty({ type: String, nullable: true, example: '2024-06-15' }) startsOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-08-05' }) endsOn!: string | null;
  @ApiProperty({ enum: PROGRAM_STATUSES, description: 'always published here' }) status!: string;
  @ApiProperty({ type: [ModuleResponse], description: 'in order' }) modules!: ModuleResponse[];

  static of({ program: p, modules }: ProgramWithModules): PublicProgramResponse {
    return {
      id: p.id,
      title: p.title,
      description: p.description,
      defaultTimeZone: p.defaultTimeZone,
      defaultLanguage: p.defaultLanguage,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      status: p.status,
      modules: modules.map(ModuleResponse.of),
    };
  }
}

export class PublicProgramPageResponse extends PageMetaResponse {
  @ApiProperty({ type: [PublicProgramResponse] }) items!: PublicProgramResponse[];
}

/** A speaker on the public session page: name, affiliation, bio and photo (no account link). */
export class PublicSpeakerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: String, nullable: true }) affiliation!: string | null;
  @ApiProperty({ type: LocalizedTextResponse }) bio!: LocalizedTextResponse;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/public/speakers/0b9c.../photo?v=3f2a9c01d4e5b6a7',
    description: 'same-origin photo URL, versioned (a new photo is a new URL); null: no photo',
  })
  photoUrl!: string | null;

  static of(s: Speaker, photoVersion?: string): PublicSpeakerResponse {
    return {
      id: s.id,
      fullName: s.fullName,
      affiliation: s.affiliation,
      bio: s.bio,
      photoUrl: photoUrl(`/public/speakers/${s.id}/photo`, photoVersion),
    };
  }
}

/** A session in the public schedule: no join link (that comes with a seat). */
export class PublicSessionSummaryResponse extends OmitType(SessionSummaryResponse, ['joinUrl'] as const) {
  @ApiProperty({ type: Number, nullable: true, description: 'free seats; null = no limit' })
  seatsLeft!: number | null;

  static of(s: SessionReadModel, readerZone: string): PublicSessionSummaryResponse {
    const { joinUrl: _hidden, ...rest } = SessionSummaryResponse.of(s, readerZone);
    return { ...rest, seatsLeft: seatsLeft(s) };
  }
}

export class PublicSessionPageResponse extends PageMetaResponse {
  @ApiProperty({ type: [PublicSessionSummaryResponse] }) items!: PublicSessionSummaryResponse[];
}

/** One session on its public page: description, sections, speakers with their bios, free seats. */
export class PublicSessionResponse extends OmitType(SessionResponse, [
  'joinUrl',
  'reminderOffsetsMinutes',
] as const) {
  @ApiProperty({ type: Number, nullable: true, description: 'free seats; null = no limit' })
  seatsLeft!: number | null;
  @ApiProperty({ type: [PublicSpeakerResponse], description: 'the speakers with their bios, in order' })
  speakerProfiles!: PublicSpeakerResponse[];

  static of(
    s: SessionReadModel,
    readerZone: string,
    speakers: Speaker[],
    photoVersions: ReadonlyMap<string, string> = new Map(),
  ): PublicSessionResponse {
    const { joinUrl: _j, reminderOffsetsMinutes: _r, ...rest } = SessionResponse.of(s, readerZone);
    return {
      ...rest,
      seatsLeft: seatsLeft(s),
      speakerProfiles: speakers.map((sp) => PublicSpeakerResponse.of(sp, photoVersions.get(sp.id))),
    };
  }
}
