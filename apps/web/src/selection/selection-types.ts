/**
 * The selection API's shapes as this screen reads them (the OpenAPI-generated api/types.ts is
 * owned elsewhere; these follow apps/api/src/selection/selection.response.ts field for field).
 */
import type { Language, LocalizedText } from '../api/types';

export interface LocalTime {
  local: string;
  zone: string;
  offsetMinutes: number;
}

export interface TimeView {
  utc: string;
  reader: LocalTime;
  ofRecord: LocalTime;
}

export const FIELD_TYPES = ['text', 'choice', 'number', 'file_link'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormOption {
  value: string;
  label: LocalizedText;
}

export interface FormField {
  key: string;
  type: FieldType;
  label: LocalizedText;
  required: boolean;
  maxLength?: number;
  options?: FormOption[];
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface Criterion {
  key: string;
  label: LocalizedText;
  weight: number;
}

export interface Rubric {
  criteria: Criterion[];
  scale: { min: number; max: number };
  tieBreakCriterion: string;
}

export interface RegionQuota {
  regionId: number;
  min?: number;
  max?: number;
}

export interface Quotas {
  nominatedSeats: number;
  regionMin: number;
  regionMax: number | null;
  regions: RegionQuota[];
}

export type CallState = 'not_open' | 'open' | 'closed' | 'decided';

export interface Call {
  id: string;
  programId: string;
  title: LocalizedText;
  description: LocalizedText;
  capacity: number;
  cohortStartsOn: string | null;
  cohortEndsOn: string | null;
  timeZone: string;
  opensAt: TimeView;
  closesAt: TimeView;
  state: CallState;
  minAge: number | null;
  maxAge: number | null;
  ageOn: string;
  allowedRegionIds: number[];
  form: FormField[];
  rubric: Rubric;
  minReviews: number;
  assignmentMode: 'all' | 'explicit';
  quotas: Quotas;
  interviewProgramId: string | null;
  decidedAt: TimeView | null;
}

export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'interview_scheduled',
  'selected',
  'waitlisted',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface Applicant {
  id: string;
  displayName: string;
  email: string;
}

export interface Application {
  id: string;
  callId: string;
  callTitle: string | null;
  userId: string;
  status: ApplicationStatus;
  regionId: number;
  regionCode: string | null;
  birthDate: string;
  answers: Record<string, unknown>;
  nominated: boolean;
  nominatedBy: string | null;
  submittedAt: TimeView;
  waitlistRank: number | null;
  decisionReason: string | null;
  decidedAt: TimeView | null;
  withdrawnAt: TimeView | null;
  interviewSessionId: string | null;
  enrolled: boolean;
  applicant?: Applicant;
  myReview?: 'none' | 'partial' | 'complete';
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Reviewer {
  userId: string;
  displayName: string;
  email: string;
  addedAt: string;
  completeReviews: number;
}

export interface Score {
  reviewerId: string;
  criterion: string;
  value: number;
  comment: string | null;
  createdAt: string;
}

export interface Scores {
  applicationId: string;
  rubric: Rubric;
  othersVisible: boolean;
  scores: Score[];
}

export interface Override {
  applicationId: string;
  decision: 'select' | 'reject';
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface RankingEntry {
  rank: number | null;
  applicationId: string;
  applicant: Applicant;
  regionId: number;
  regionCode: string | null;
  nominated: boolean;
  nominatedBy: string | null;
  score: number | null;
  tieBreakMean: number | null;
  completeReviews: number;
  incompleteReviews: number;
  flags: ('incomplete_reviews' | 'insufficient_reviews')[];
  tieBrokenBy: 'tie_break_criterion' | 'submitted_at' | 'id' | null;
  submittedAt: string;
  status: ApplicationStatus;
  override: Override | null;
}

export interface Ranking {
  callId: string;
  capacity: number;
  minReviews: number;
  tieBreakCriterion: string;
  order: string;
  entries: RankingEntry[];
}

export type OutcomeReason =
  'forced' | 'rank' | 'nominated_quota' | 'region_quota' | 'waitlist' | 'override' | 'insufficient_reviews';

export interface Outcome {
  applicationId: string;
  decision: 'selected' | 'waitlisted' | 'rejected';
  rank: number | null;
  waitlistRank: number | null;
  reason: OutcomeReason;
}

export interface Run {
  id: string;
  callId: string;
  status: 'preview' | 'committed';
  inputsHash: string;
  quotas: Quotas;
  summary: {
    capacity: number;
    selected: number;
    waitlisted: number;
    rejected: number;
    nominatedSelected: number;
    selectedByRegion: Record<string, number>;
    warnings: string[];
  };
  outcomes: Outcome[];
  createdAt: string;
  committedAt: string | null;
}

export interface EnrollmentReport {
  enrolled: number;
  unenrolled: number;
  failed: { applicationId: string; code: string; message: string }[];
  pending: number;
}

export interface CommitResult {
  run: Run;
  enrollment: EnrollmentReport;
}

export interface WithdrawResult {
  application: Application;
  promotedApplicationIds: string[];
  enrollment: EnrollmentReport | null;
}

/** What the builder sends (POST /programs/:id/calls). */
export interface NewCall {
  title: LocalizedText;
  description?: LocalizedText;
  capacity: number;
  timeZone: string;
  opens: string;
  closes: string;
  minAge?: number | null;
  maxAge?: number | null;
  form: FormField[];
  rubric: Rubric;
  minReviews: number;
  quotas: Partial<Quotas>;
}

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  language: Language;
}
