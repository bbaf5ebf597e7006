/**
 * Shapes of the REST API's answers as the browser uses them (the OpenAPI document at /docs-json
 * is the reference; apps never import each other, so they are restated here).
 */
export type Language = 'kk' | 'ru' | 'en';
export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

export type LocalizedText = Partial<Record<Language, string>>;

export interface User {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  timeZone: string;
  homeRegionId: number | null;
  roles: string[];
  coordinatorRegionIds: number[];
}

export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

export interface LocalTime {
  local: string;
  zone: string;
  offsetMinutes: number;
}

/** One instant: UTC, in the reader's zone, and in the zone of record. */
export interface TimeView {
  utc: string;
  reader: LocalTime;
  ofRecord: LocalTime;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Region {
  id: number;
  code: string;
  names: Record<Language, string>;
  timeZone: string;
  retiredAt: string | null;
}

export interface RegionRef {
  id: number;
  code: string;
  names: Record<Language, string>;
}

export interface ProgramModule {
  id: string;
  programId: string;
  position: number;
  title: LocalizedText;
  description: LocalizedText;
}

export type ProgramStatus = 'draft' | 'published' | 'archived';

export interface Program {
  id: string;
  organizationId: string;
  title: LocalizedText;
  description: LocalizedText;
  defaultTimeZone: string;
  defaultLanguage: Language;
  startsOn: string | null;
  endsOn: string | null;
  status: ProgramStatus;
  reminderOffsetsMinutes: number[];
  modules: ProgramModule[];
}

export interface SpeakerRef {
  id: string;
  fullName: string;
  affiliation: string | null;
}

export interface Speaker extends SpeakerRef {
  bio: LocalizedText;
  userId: string | null;
}

export interface Section {
  id: string;
  sessionId: string;
  title: LocalizedText;
  description: LocalizedText;
  leadSpeaker: SpeakerRef | null;
  capacity: number | null;
  registeredCount: number;
  position: number;
}

export type SessionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';
export type SessionFormat = 'online' | 'offline' | 'hybrid';

export interface SessionSummary {
  id: string;
  program: { id: string; title: LocalizedText; status: ProgramStatus };
  module: { id: string; position: number; title: LocalizedText } | null;
  title: LocalizedText;
  startAt: TimeView;
  endAt: TimeView;
  timeZone: string;
  format: SessionFormat;
  venue: string | null;
  joinUrl: string | null;
  capacity: number | null;
  registeredCount: number;
  targetRegions: RegionRef[];
  speakers: SpeakerRef[];
  status: SessionStatus;
  version: number;
}

export interface Session extends SessionSummary {
  description: LocalizedText;
  reminderOffsetsMinutes: number[] | null;
  sections: Section[];
}

export interface SpeakerConflict {
  speakerId: string;
  speakerName: string;
  sessionId: string;
  title: string;
  startAt: string;
  endAt: string;
}

export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface Registration {
  id: string;
  sessionId: string;
  userId: string;
  status: RegistrationStatus;
  source: string;
  regionId: number | null;
  sectionId: string | null;
  createdAt: TimeView;
  waitlistedAt: TimeView | null;
  cancelledAt: TimeView | null;
  user?: { id: string; displayName: string; email: string };
  region?: RegionRef | null;
  section?: { id: string; title: string | null } | null;
}

export interface MyRegistration extends Registration {
  session: {
    id: string;
    programId: string;
    title: string | null;
    status: SessionStatus;
    timeZone: string;
    start: TimeView;
    end: TimeView;
  };
}

export interface RosterLine {
  region: RegionRef;
  expected: number | null;
  registered: number;
  waitlisted: number;
}

export interface Roster {
  scopeType: 'program' | 'session';
  scopeId: string;
  lines: RosterLine[];
  totals: { expected: number; registered: number; waitlisted: number };
  unassigned: { registered: number; waitlisted: number } | null;
}

export interface RosterCsvError {
  line: number;
  message: string;
}
