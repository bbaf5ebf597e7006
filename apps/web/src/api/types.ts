/**
 * Names the browser uses for the REST API's answers. Every shape here is derived from
 * ./schema.gen.ts, which `npm run web:api-types` generates from the API's own OpenAPI document
 * (/docs-json): when the API changes, the generated file changes and tsc shows each place in the
 * web app that no longer fits, instead of a hand-written copy silently drifting.
 */
import type { components } from './schema.gen';

type Schemas = components['schemas'];

export type Language = Schemas['UserResponse']['language'];
export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

export type LocalizedText = Schemas['LocalizedTextResponse'];

export type User = Schemas['UserResponse'];
/** A user as an admin sees them (GET /users): adds the organization, creation and disabling times. */
export type AdminUser = Schemas['AdminUserResponse'];

export type TokenResponse = Schemas['TokenResponse'];

export type LocalTime = Schemas['LocalTime'];

/** One instant: UTC, in the reader's zone, and in the zone of record. */
export type TimeView = Schemas['TimeView'];

/** A page of a list answer (the API's *PageResponse schemas all have this shape). */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type Region = Schemas['RegionResponse'];

export type RegionRef = Schemas['RegionRefResponse'];

export type ProgramModule = Schemas['ModuleResponse'];

export type Program = Schemas['ProgramResponse'];
export type ProgramStatus = Program['status'];

export type SpeakerRef = Schemas['SpeakerRefResponse'];

export type Speaker = Schemas['SpeakerResponse'];

export type Section = Schemas['SectionResponse'];

export type SessionSummary = Schemas['SessionSummaryResponse'];
export type SessionStatus = SessionSummary['status'];
export type SessionFormat = SessionSummary['format'];

export type Session = Schemas['SessionResponse'];

/**
 * One entry of a speaker_conflict error's `details.conflicts` (409 on scheduling). Error details
 * are free-form in the document (ErrorResponse.details), so this one shape is written out here.
 */
export interface SpeakerConflict {
  speakerId: string;
  speakerName: string;
  sessionId: string;
  title: string;
  startAt: string;
  endAt: string;
}

export type Registration = Schemas['RegistrationResponse'];
export type RegistrationStatus = Registration['status'];

export type MyRegistration = Schemas['MyRegistrationResponse'];

export type RosterLine = Schemas['RosterLineResponse'];

export type Roster = Schemas['RosterResponse'];

/** One entry of a roster CSV import's `details.errors` (400): free-form in the document, like SpeakerConflict. */
export interface RosterCsvError {
  line: number;
  message: string;
}
