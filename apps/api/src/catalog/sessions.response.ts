import { ApiProperty } from '@nestjs/swagger';
import type { RegionRef, SectionReadModel, SessionReadModel, SpeakerRef } from '@qatys/domain';
import { PROGRAM_STATUSES, SESSION_FORMATS, SESSION_STATUSES } from '@qatys/domain';
import { TimeView } from '../common/time-view';
import { catalogTimeView } from './catalog-time-view';
import { LocalizedTextResponse, PageMetaResponse } from './catalog-common.response';

export class RegionNamesResponse {
  @ApiProperty() kk!: string;
  @ApiProperty() ru!: string;
  @ApiProperty() en!: string;
}

export class RegionRefResponse {
  @ApiProperty({ example: 16 }) id!: number;
  @ApiProperty({ example: 'KZ-55' }) code!: string;
  @ApiProperty({ type: RegionNamesResponse }) names!: RegionNamesResponse;

  static of(r: RegionRef): RegionRefResponse {
    return { id: r.id, code: r.code, names: r.names };
  }
}

export class SpeakerRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Aigerim Sadykova' }) fullName!: string;
  @ApiProperty({ type: String, nullable: true }) affiliation!: string | null;

  static of(s: SpeakerRef): SpeakerRefResponse {
    return { id: s.id, fullName: s.fullName, affiliation: s.affiliation };
  }
}

export class SectionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) description!: LocalizedTextResponse;
  @ApiProperty({ type: SpeakerRefResponse, nullable: true }) leadSpeaker!: SpeakerRefResponse | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) capacity!: number | null;
  @ApiProperty() registeredCount!: number;
  @ApiProperty({ description: '1-based order within the session' }) position!: number;

  static of(s: SectionReadModel): SectionResponse {
    return {
      id: s.id,
      sessionId: s.sessionId,
      title: s.title,
      description: s.description,
      leadSpeaker: s.leadSpeaker && SpeakerRefResponse.of(s.leadSpeaker),
      capacity: s.capacity,
      registeredCount: s.registeredCount,
      position: s.position,
    };
  }
}

export class SessionProgramResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: string;
}

export class SessionModuleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
}

/** A session in a schedule list. */
export class SessionSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: SessionProgramResponse }) program!: SessionProgramResponse;
  @ApiProperty({ type: SessionModuleResponse, nullable: true }) module!: SessionModuleResponse | null;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ type: TimeView }) startAt!: TimeView;
  @ApiProperty({ type: TimeView }) endAt!: TimeView;
  @ApiProperty({ example: 'Asia/Almaty', description: 'the zone of record (the organizer scheduled in it)' })
  timeZone!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) format!: string;
  @ApiProperty({ type: String, nullable: true }) venue!: string | null;
  @ApiProperty({ type: String, nullable: true }) joinUrl!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) capacity!: number | null;
  @ApiProperty() registeredCount!: number;
  @ApiProperty({ type: [RegionRefResponse], description: 'empty = open to every region' })
  targetRegions!: RegionRefResponse[];
  @ApiProperty({ type: [SpeakerRefResponse], description: 'in display order' })
  speakers!: SpeakerRefResponse[];
  @ApiProperty({ enum: SESSION_STATUSES }) status!: string;
  @ApiProperty({ description: 'raised on every change of start or end' }) version!: number;

  static of(s: SessionReadModel, readerZone: string): SessionSummaryResponse {
    return {
      id: s.id,
      program: s.program,
      module: s.module,
      title: s.title,
      startAt: catalogTimeView(s.startAt, readerZone, s.timeZone),
      endAt: catalogTimeView(s.endAt, readerZone, s.timeZone),
      timeZone: s.timeZone,
      format: s.format,
      venue: s.venue,
      joinUrl: s.joinUrl,
      capacity: s.capacity,
      registeredCount: s.registeredCount,
      targetRegions: s.targetRegions.map(RegionRefResponse.of),
      speakers: s.speakers.map(SpeakerRefResponse.of),
      status: s.status,
      version: s.version,
    };
  }
}

/** One session with everything about it. */
export class SessionResponse extends SessionSummaryResponse {
  @ApiProperty({ type: LocalizedTextResponse }) description!: LocalizedTextResponse;
  @ApiProperty({ type: [Number], nullable: true, description: "null = the program's offsets" })
  reminderOffsetsMinutes!: number[] | null;
  @ApiProperty({ type: [SectionResponse], description: 'parallel sections, in order' })
  sections!: SectionResponse[];

  static override of(s: SessionReadModel, readerZone: string): SessionResponse {
    return {
      ...SessionSummaryResponse.of(s, readerZone),
      description: s.description ?? {},
      reminderOffsetsMinutes: s.reminderOffsetsMinutes ?? null,
      sections: (s.sections ?? []).map(SectionResponse.of),
    };
  }
}

export class SessionPageResponse extends PageMetaResponse {
  @ApiProperty({ type: [SessionSummaryResponse] }) items!: SessionSummaryResponse[];
}
