import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES,
  ApplicationView,
  ASSIGNMENT_MODES,
  Call,
  EnrollmentReport,
  FORM_FIELD_TYPES,
  FormField,
  Language,
  pickText,
  RankingRow,
  ReviewConflict,
  ReviewerView,
  Score,
  ScoresView,
  SelectionAudit,
  SelectionRun,
  windowState,
} from '@qatys/domain';
import { LocalizedTextResponse } from '../catalog/catalog-common.response';
import { TimeView, timeView } from '../common/time-view';

export class OptionResponse {
  @ApiProperty() value!: string;
  @ApiProperty({ type: LocalizedTextResponse }) label!: LocalizedTextResponse;
}

export class FormFieldResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: FORM_FIELD_TYPES }) type!: string;
  @ApiProperty({ type: LocalizedTextResponse }) label!: LocalizedTextResponse;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional() maxLength?: number;
  @ApiPropertyOptional({ type: [OptionResponse] }) options?: OptionResponse[];
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional() integer?: boolean;
}

export class CriterionResponse {
  @ApiProperty({ example: 'motivation' }) key!: string;
  @ApiProperty({ type: LocalizedTextResponse }) label!: LocalizedTextResponse;
  @ApiProperty({ example: 1 }) weight!: number;
}

export class ScaleResponse {
  @ApiProperty({ example: 0 }) min!: number;
  @ApiProperty({ example: 10 }) max!: number;
}

export class RubricResponse {
  @ApiProperty({ type: [CriterionResponse] }) criteria!: CriterionResponse[];
  @ApiProperty({ type: ScaleResponse }) scale!: ScaleResponse;
  @ApiProperty({ example: 'motivation' }) tieBreakCriterion!: string;
}

export class RegionQuotaResponse {
  @ApiProperty() regionId!: number;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
}

export class QuotasResponse {
  @ApiProperty({ example: 20 }) nominatedSeats!: number;
  @ApiProperty({ example: 1 }) regionMin!: number;
  @ApiProperty({ type: Number, nullable: true }) regionMax!: number | null;
  @ApiProperty({ type: [RegionQuotaResponse] }) regions!: RegionQuotaResponse[];
}

export class CallResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) description!: LocalizedTextResponse;
  @ApiProperty({ example: 50 }) capacity!: number;
  @ApiProperty({ type: String, nullable: true }) cohortStartsOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) cohortEndsOn!: string | null;
  @ApiProperty({ example: 'Asia/Almaty', description: 'the zone the window was given in' }) timeZone!: string;
  @ApiProperty({ type: TimeView }) opensAt!: TimeView;
  @ApiProperty({ type: TimeView, description: 'exclusive' }) closesAt!: TimeView;
  @ApiProperty({ enum: ['not_open', 'open', 'closed', 'decided'] }) state!: string;
  @ApiProperty({ type: Number, nullable: true }) minAge!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAge!: number | null;
  @ApiProperty({ example: '2024-03-31' }) ageOn!: string;
  @ApiProperty({ type: [Number], description: 'empty: every region' }) allowedRegionIds!: number[];
  @ApiProperty({ type: [FormFieldResponse] }) form!: FormFieldResponse[];
  @ApiProperty({ type: RubricResponse }) rubric!: RubricResponse;
  @ApiProperty({ example: 2 }) minReviews!: number;
  @ApiProperty({ enum: ASSIGNMENT_MODES }) assignmentMode!: string;
  @ApiProperty({ type: QuotasResponse }) quotas!: QuotasResponse;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) interviewProgramId!: string | null;
  @ApiProperty({ type: TimeView, nullable: true }) decidedAt!: TimeView | null;

  static of(c: Call, zone: string): CallResponse {
    return {
      id: c.id,
      programId: c.programId,
      title: c.title,
      description: c.description,
      capacity: c.capacity,
      cohortStartsOn: c.cohortStartsOn,
      cohortEndsOn: c.cohortEndsOn,
      timeZone: c.timeZone,
      opensAt: timeView(c.opensAt, zone, c.timeZone),
      closesAt: timeView(c.closesAt, zone, c.timeZone),
      state: c.decidedAt ? 'decided' : windowState(c, new Date()),
      minAge: c.minAge,
      maxAge: c.maxAge,
      ageOn: c.ageOn,
      allowedRegionIds: c.allowedRegionIds,
      form: c.form as FormFieldResponse[],
      rubric: c.rubric,
      minReviews: c.minReviews,
      assignmentMode: c.assignmentMode,
      quotas: c.quotas,
      interviewProgramId: c.interviewProgramId,
      decidedAt: c.decidedAt ? timeView(c.decidedAt, zone, c.timeZone) : null,
    };
  }
}

export class LocalizedOptionResponse {
  @ApiProperty() value!: string;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
}

export class LocalizedFieldResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: FORM_FIELD_TYPES }) type!: string;
  @ApiProperty({ type: String, nullable: true, description: "in the reader's language" }) label!:
    string | null;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional() maxLength?: number;
  @ApiPropertyOptional({ type: [LocalizedOptionResponse] }) options?: LocalizedOptionResponse[];
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional() integer?: boolean;
}

export class FormResponse {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ enum: ['kk', 'ru', 'en'] }) language!: string;
  @ApiProperty({ type: [LocalizedFieldResponse] }) fields!: LocalizedFieldResponse[];

  static of(c: Call, lang: Language): FormResponse {
    return {
      callId: c.id,
      title: pickText(c.title, lang),
      language: lang,
      fields: c.form.map(({ options, ...f }: FormField) => ({
        ...f,
        label: pickText(f.label, lang),
        ...(options
          ? { options: options.map((o) => ({ value: o.value, label: pickText(o.label, lang) })) }
          : {}),
      })),
    };
  }
}

export class ApplicantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ type: String, nullable: true, description: "the call's title in the reader's language" })
  callTitle!: string | null;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: string;
  @ApiProperty() regionId!: number;
  @ApiProperty({ type: String, nullable: true, example: 'KZ-55' }) regionCode!: string | null;
  @ApiProperty({ example: '1998-04-12' }) birthDate!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers!: Record<string, unknown>;
  @ApiProperty() nominated!: boolean;
  @ApiProperty({ type: String, nullable: true }) nominatedBy!: string | null;
  @ApiProperty({ type: TimeView }) submittedAt!: TimeView;
  @ApiProperty({ type: Number, nullable: true, description: 'place on the waitlist' }) waitlistRank!:
    number | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ type: TimeView, nullable: true }) decidedAt!: TimeView | null;
  @ApiProperty({ type: TimeView, nullable: true }) withdrawnAt!: TimeView | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) interviewSessionId!: string | null;
  @ApiProperty({ description: "enrolled in the cohort's program" }) enrolled!: boolean;
  @ApiPropertyOptional({ type: ApplicantResponse, description: 'for organizers and reviewers' })
  applicant?: ApplicantResponse;
  @ApiPropertyOptional({
    enum: ['none', 'partial', 'complete'],
    description: "for a reviewer: their own review's progress",
  })
  myReview?: string;

  static of(v: ApplicationView, zone: string, lang: Language): ApplicationResponse {
    const a = v.application;
    const rz = v.call.timeZone;
    return {
      id: a.id,
      callId: a.callId,
      callTitle: pickText(v.call.title, lang),
      userId: a.userId,
      status: a.status,
      regionId: a.regionId,
      regionCode: a.region?.code ?? null,
      birthDate: a.birthDate,
      answers: a.answers,
      nominated: a.nominated,
      nominatedBy: a.nominatedBy,
      submittedAt: timeView(a.submittedAt, zone, rz),
      waitlistRank: a.waitlistRank,
      decisionReason: a.decisionReason,
      decidedAt: a.decidedAt ? timeView(a.decidedAt, zone, rz) : null,
      withdrawnAt: a.withdrawnAt ? timeView(a.withdrawnAt, zone, rz) : null,
      interviewSessionId: a.interviewSessionId,
      enrolled: a.enrolledAt !== null,
      ...(v.viewer !== 'owner'
        ? { applicant: { id: a.user.id, displayName: a.user.displayName, email: a.user.email } }
        : {}),
      ...(v.myReview ? { myReview: v.myReview } : {}),
    };
  }
}

export class ApplicationPageResponse {
  @ApiProperty({ type: [ApplicationResponse] }) items!: ApplicationResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReviewerResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, format: 'date-time' }) addedAt!: string;
  @ApiProperty({ description: 'applications scored on every criterion' }) completeReviews!: number;

  static of(r: ReviewerView): ReviewerResponse {
    return { ...r, addedAt: new Date(r.addedAt).toISOString() };
  }
}

export class ScoreResponse {
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty() criterion!: string;
  @ApiProperty() value!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;

  static of(s: Score): ScoreResponse {
    return {
      reviewerId: s.reviewerId,
      criterion: s.criterion,
      value: s.value,
      comment: s.comment,
      createdAt: s.createdAt.toISOString(),
    };
  }
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) reviewerId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) declaredAt!: string;

  static of(c: ReviewConflict): ConflictResponse {
    return {
      applicationId: c.applicationId,
      reviewerId: c.reviewerId,
      reason: c.reason,
      declaredAt: c.declaredAt.toISOString(),
    };
  }
}

export class ScoresResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ type: RubricResponse }) rubric!: RubricResponse;
  @ApiProperty({
    description: "false while the reader has not scored every criterion: others' scores stay hidden",
  })
  othersVisible!: boolean;
  @ApiProperty({ type: [ScoreResponse] }) scores!: ScoreResponse[];
  @ApiPropertyOptional({ type: [ConflictResponse], description: 'organizers only' })
  conflicts?: ConflictResponse[];

  static of(v: ScoresView): ScoresResponse {
    return {
      applicationId: v.applicationId,
      rubric: v.rubric,
      othersVisible: v.othersVisible,
      scores: v.scores.map(ScoreResponse.of),
      ...(v.conflicts ? { conflicts: v.conflicts.map(ConflictResponse.of) } : {}),
    };
  }
}

export class OverrideResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: ['select', 'reject'] }) decision!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class RankingEntryResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'null: not ranked (see flags)' }) rank!:
    number | null;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ type: ApplicantResponse }) applicant!: ApplicantResponse;
  @ApiProperty() regionId!: number;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty() nominated!: boolean;
  @ApiProperty({ type: String, nullable: true }) nominatedBy!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'mean over complete reviews of each weighted mean',
  })
  score!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'mean of the tie-break criterion' })
  tieBreakMean!: number | null;
  @ApiProperty() completeReviews!: number;
  @ApiProperty() incompleteReviews!: number;
  @ApiProperty({ type: [String], enum: ['incomplete_reviews', 'insufficient_reviews'] }) flags!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['tie_break_criterion', 'submitted_at', 'id'],
    description: 'what put this entry below the previous one when their scores are equal',
  })
  tieBrokenBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: string;
  @ApiProperty({ type: OverrideResponse, nullable: true }) override!: OverrideResponse | null;

  static of(r: RankingRow): RankingEntryResponse {
    const a = r.application;
    return {
      rank: r.rank,
      applicationId: r.id,
      applicant: { id: a.user.id, displayName: a.user.displayName, email: a.user.email },
      regionId: a.regionId,
      regionCode: a.region?.code ?? null,
      nominated: a.nominated,
      nominatedBy: a.nominatedBy,
      score: r.score,
      tieBreakMean: r.tieBreakMean,
      completeReviews: r.completeReviews,
      incompleteReviews: r.incompleteReviews,
      flags: r.flags,
      tieBrokenBy: r.tieBrokenBy,
      submittedAt: a.submittedAt.toISOString(),
      status: a.status,
      override: r.override
        ? {
            applicationId: r.override.applicationId,
            decision: r.override.decision,
            reason: r.override.reason,
            createdBy: r.override.createdBy,
            createdAt: r.override.createdAt.toISOString(),
          }
        : null,
    };
  }
}

export class RankingResponse {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() minReviews!: number;
  @ApiProperty({ example: 'motivation' }) tieBreakCriterion!: string;
  @ApiProperty({
    example: 'score desc, then tie-break criterion mean desc, then earlier submission, then application id',
  })
  order!: string;
  @ApiProperty({ type: [RankingEntryResponse], description: 'ranked first, then the unranked by submission' })
  entries!: RankingEntryResponse[];
}

export class OutcomeResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: ['selected', 'waitlisted', 'rejected'] }) decision!: string;
  @ApiProperty({ type: Number, nullable: true }) rank!: number | null;
  @ApiProperty({ type: Number, nullable: true }) waitlistRank!: number | null;
  @ApiProperty({
    enum: [
      'forced',
      'rank',
      'nominated_quota',
      'region_quota',
      'waitlist',
      'override',
      'insufficient_reviews',
    ],
  })
  reason!: string;
}

export class RunSummaryResponse {
  @ApiProperty() capacity!: number;
  @ApiProperty() selected!: number;
  @ApiProperty() waitlisted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() nominatedSelected!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'seats by region id',
  })
  selectedByRegion!: Record<string, number>;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class RunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ enum: ['preview', 'committed'] }) status!: string;
  @ApiProperty({ description: 'sha256 of the ranking inputs, quotas and overrides the run used' })
  inputsHash!: string;
  @ApiProperty({ type: QuotasResponse }) quotas!: QuotasResponse;
  @ApiProperty({ type: RunSummaryResponse }) summary!: RunSummaryResponse;
  @ApiProperty({ type: [OutcomeResponse], description: 'in ranking order' }) outcomes!: OutcomeResponse[];
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) committedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) committedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) enrollmentCompletedAt!: string | null;

  static of(r: SelectionRun): RunResponse {
    return {
      id: r.id,
      callId: r.callId,
      status: r.status,
      inputsHash: r.inputsHash,
      quotas: r.quotas,
      summary: r.summary,
      outcomes: r.outcomes.map((o) => ({
        applicationId: o.a,
        decision: o.d,
        rank: o.r,
        waitlistRank: o.w,
        reason: o.why,
      })),
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      committedAt: r.committedAt?.toISOString() ?? null,
      committedBy: r.committedBy,
      enrollmentCompletedAt: r.enrollmentCompletedAt?.toISOString() ?? null,
    };
  }
}

export class EnrollmentFailureResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class EnrollmentReportResponse {
  @ApiProperty({ description: 'enrolled in the program now' }) enrolled!: number;
  @ApiProperty({ description: 'withdrawn applicants unenrolled now' }) unenrolled!: number;
  @ApiProperty({ type: [EnrollmentFailureResponse] }) failed!: EnrollmentFailureResponse[];
  @ApiProperty({ description: 'left to do; 0 when the program matches the decisions' }) pending!: number;

  static of(r: EnrollmentReport): EnrollmentReportResponse {
    return r;
  }
}

export class CommitResponse {
  @ApiProperty({ type: RunResponse }) run!: RunResponse;
  @ApiProperty({ type: EnrollmentReportResponse }) enrollment!: EnrollmentReportResponse;
}

export class WithdrawResponse {
  @ApiProperty({ type: ApplicationResponse }) application!: ApplicationResponse;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'applications promoted from the waitlist to the seat',
  })
  promotedApplicationIds!: string[];
  @ApiProperty({ type: EnrollmentReportResponse, nullable: true })
  enrollment!: EnrollmentReportResponse | null;
}

export class AuditEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) applicationId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: the system' }) actorId!:
    string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;

  static of(a: SelectionAudit): AuditEntryResponse {
    return {
      id: a.id,
      action: a.action,
      applicationId: a.applicationId,
      actorId: a.actorId,
      details: a.details,
      at: a.at.toISOString(),
    };
  }
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
