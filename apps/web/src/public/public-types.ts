/**
 * The shapes of the public endpoints (/public/*) and the few others these pages read, declared
 * here (not in api/types.ts, which is generated from the OpenAPI document by its own owner).
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

export interface RegionRef {
  id: number;
  code: string;
  names: Record<Language, string>;
}

export interface PublicModule {
  id: string;
  position: number;
  title: LocalizedText;
  description: LocalizedText;
}

export interface PublicProgram {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  defaultTimeZone: string;
  defaultLanguage: Language;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  modules: PublicModule[];
}

export type SessionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

export interface PublicSessionSummary {
  id: string;
  program: { id: string; title: LocalizedText; status: string };
  module: { id: string; position: number; title: LocalizedText } | null;
  title: LocalizedText;
  startAt: TimeView;
  endAt: TimeView;
  timeZone: string;
  format: 'online' | 'offline' | 'hybrid';
  venue: string | null;
  capacity: number | null;
  registeredCount: number;
  seatsLeft: number | null;
  targetRegions: RegionRef[];
  speakers: { id: string; fullName: string; affiliation: string | null }[];
  status: SessionStatus;
  version: number;
}

export interface PublicSection {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  leadSpeaker: { id: string; fullName: string; affiliation: string | null } | null;
  capacity: number | null;
  registeredCount: number;
  position: number;
}

export interface PublicSession extends PublicSessionSummary {
  description: LocalizedText;
  sections: PublicSection[];
  speakerProfiles: { id: string; fullName: string; affiliation: string | null; bio: LocalizedText }[];
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

/** GET /me/registrations items (the fields these pages use). */
export interface MyRegistrationItem {
  id: string;
  sessionId: string;
  status: RegistrationStatus;
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

/** POST /sessions/:id/registrations and DELETE /me/registrations/:id (the fields used). */
export interface RegistrationResult {
  id: string;
  sessionId: string;
  status: RegistrationStatus;
}

export interface RegionItem {
  id: number;
  code: string;
  names: Record<Language, string>;
  timeZone: string;
  retiredAt: string | null;
}
