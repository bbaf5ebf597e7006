import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EnrollmentResult,
  Language,
  pickText,
  ProgramEnrollment,
  Region,
  REGISTRATION_STATUSES,
  RegistrationView,
  Section,
  SESSION_STATUSES,
} from '@qatys/domain';
import { TimeView, timeView } from '../common/time-view';

export class RegionNames {
  @ApiProperty() kk!: string;
  @ApiProperty() ru!: string;
  @ApiProperty() en!: string;
}

export class RegionRef {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'KZ-55' }) code!: string;
  @ApiProperty({ type: RegionNames }) names!: RegionNames;

  static of(r: Region): RegionRef {
    return { id: r.id, code: r.code, names: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn } };
  }
}

export class SectionRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: "title in the reader's language" }) title!:
    string | null;

  static of(s: Section, lang: Language): SectionRef {
    return { id: s.id, title: pickText(s.title, lang) };
  }
}

export class UserRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
}

export class RegistrationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: string;
  @ApiProperty({ enum: ['self', 'organizer', 'program', 'import'] }) source!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) sectionId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) programEnrollmentId!: string | null;
  @ApiProperty({ type: TimeView }) createdAt!: TimeView;
  @ApiProperty({
    type: TimeView,
    nullable: true,
    description: 'when the person joined the waitlist (FIFO order)',
  })
  waitlistedAt!: TimeView | null;
  @ApiProperty({ type: TimeView, nullable: true }) cancelledAt!: TimeView | null;
  @ApiPropertyOptional({ type: UserRef, description: 'in staff listings' }) user?: UserRef;
  @ApiPropertyOptional({ type: RegionRef, nullable: true }) region?: RegionRef | null;
  @ApiPropertyOptional({ type: SectionRef, nullable: true }) section?: SectionRef | null;

  static of(r: RegistrationView, readerZone: string, lang: Language): RegistrationResponse {
    const zone = r.session.timeZone;
    return {
      id: r.id,
      sessionId: r.sessionId,
      userId: r.userId,
      status: r.status,
      source: r.source,
      regionId: r.regionId,
      sectionId: r.sectionId,
      programEnrollmentId: r.programEnrollmentId,
      createdAt: timeView(r.createdAt, readerZone, zone),
      waitlistedAt:
        r.waitlistedAt && r.status !== 'registered' ? timeView(r.waitlistedAt, readerZone, zone) : null,
      cancelledAt:
        r.cancelledAt && r.status === 'cancelled' ? timeView(r.cancelledAt, readerZone, zone) : null,
      ...(r.user ? { user: { id: r.user.id, displayName: r.user.displayName, email: r.user.email } } : {}),
      ...(r.region !== undefined ? { region: r.region ? RegionRef.of(r.region) : null } : {}),
      ...(r.section !== undefined ? { section: r.section ? SectionRef.of(r.section, lang) : null } : {}),
    };
  }
}

export class RegistrationPageResponse {
  @ApiProperty({ type: [RegistrationResponse] }) items!: RegistrationResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SessionSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ nullable: true, type: String, description: "title in the reader's language" }) title!:
    string | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: string;
  @ApiProperty({ example: 'Asia/Almaty', description: 'zone of record' }) timeZone!: string;
  @ApiProperty({ type: TimeView }) start!: TimeView;
  @ApiProperty({ type: TimeView }) end!: TimeView;
}

export class MyRegistrationResponse extends RegistrationResponse {
  @ApiProperty({ type: SessionSummary }) session!: SessionSummary;

  static ofMine(r: RegistrationView, readerZone: string, lang: Language): MyRegistrationResponse {
    const s = r.session;
    return {
      ...RegistrationResponse.of(r, readerZone, lang),
      section: r.section ? SectionRef.of(r.section, lang) : null,
      session: {
        id: s.id,
        programId: s.programId,
        title: pickText(s.title, lang),
        status: s.status,
        timeZone: s.timeZone,
        start: timeView(s.startAt, readerZone, s.timeZone),
        end: timeView(s.endAt, readerZone, s.timeZone),
      },
    };
  }
}

export class MyRegistrationPageResponse {
  @ApiProperty({ type: [MyRegistrationResponse] }) items!: MyRegistrationResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CancelRegistrationResponse {
  @ApiProperty({ type: RegistrationResponse }) registration!: RegistrationResponse;
  @ApiProperty({
    type: [RegistrationResponse],
    description: 'waitlisted registrations promoted into the freed seat(s)',
  })
  promoted!: RegistrationResponse[];
}

export class PromoteResponse {
  @ApiProperty({ type: [RegistrationResponse] }) promoted!: RegistrationResponse[];
}

export class ProgramEnrollmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({ enum: ['active', 'cancelled'] }) status!: string;

  static of(e: ProgramEnrollment): ProgramEnrollmentResponse {
    return {
      id: e.id,
      programId: e.programId,
      userId: e.userId,
      regionId: e.regionId,
      status: e.status,
    };
  }
}

export class EnrollmentResultResponse {
  @ApiProperty({ type: ProgramEnrollmentResponse }) enrollment!: ProgramEnrollmentResponse;
  @ApiProperty({
    type: [RegistrationResponse],
    description: 'registrations created by this enrolment (or the current ones when nothing changed)',
  })
  registrations!: RegistrationResponse[];

  static of(r: EnrollmentResult, readerZone: string, lang: Language): EnrollmentResultResponse {
    return {
      enrollment: ProgramEnrollmentResponse.of(r.enrollment),
      registrations: r.registrations.map((x) => RegistrationResponse.of(x, readerZone, lang)),
    };
  }
}

export class CancelEnrollmentResponse {
  @ApiProperty({ type: ProgramEnrollmentResponse }) enrollment!: ProgramEnrollmentResponse;
  @ApiProperty({ type: [RegistrationResponse] }) cancelled!: RegistrationResponse[];
  @ApiProperty({ type: [RegistrationResponse] }) promoted!: RegistrationResponse[];
}
