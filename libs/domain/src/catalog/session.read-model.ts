import type { EntityManager } from 'typeorm';
import { Actor, hasRole, isOrganizer } from '../shared/actor';
import type { LocalizedText } from '../shared/localized-text';
import type { ProgramStatus } from './program.entity';
import type { RegionRef } from './region-directory.service';
import type { SessionFormat, SessionStatus } from './session.entity';

export interface SpeakerRef {
  id: string;
  fullName: string;
  affiliation: string | null;
}

export interface SectionReadModel {
  id: string;
  sessionId: string;
  title: LocalizedText;
  description: LocalizedText;
  leadSpeaker: SpeakerRef | null;
  capacity: number | null;
  registeredCount: number;
  position: number;
}

/**
 * A session as readers see it: its own fields plus what it points at, resolved. Lists leave out
 * the long or detail-only fields (description, reminder offsets, sections).
 */
export interface SessionReadModel {
  id: string;
  program: { id: string; title: LocalizedText; status: ProgramStatus };
  module: { id: string; position: number; title: LocalizedText } | null;
  title: LocalizedText;
  /** Single-session reads only. */
  description?: LocalizedText;
  startAt: Date;
  endAt: Date;
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
  /** Single-session reads only. */
  reminderOffsetsMinutes?: number[] | null;
  /** Single-session reads only. */
  sections?: SectionReadModel[];
}

export interface SessionRow {
  id: string;
  program_id: string;
  program_title: LocalizedText;
  program_status: ProgramStatus;
  module_id: string | null;
  module_position: number | null;
  module_title: LocalizedText | null;
  title: LocalizedText;
  description?: LocalizedText;
  start_at: Date;
  end_at: Date;
  time_zone: string;
  format: SessionFormat;
  venue: string | null;
  join_url: string | null;
  capacity: number | null;
  registered_count: number;
  target_region_ids: number[];
  status: SessionStatus;
  version: number;
  reminder_offsets_minutes?: number[] | null;
  /** Present when the query selected SESSION_SPEAKERS_COLUMN. */
  speakers?: SpeakerRef[];
}

/** One row per session with its program and module; alias `s` is the session. */
export const SESSION_FROM = `FROM sessions s
  JOIN programs p ON p.id = s.program_id
  LEFT JOIN program_modules m ON m.id = s.module_id`;

export const SESSION_COLUMNS = `s.id, s.program_id, p.title AS program_title, p.status AS program_status,
  s.module_id, m.position AS module_position, m.title AS module_title,
  s.title, s.start_at, s.end_at, s.time_zone, s.format, s.venue, s.join_url,
  s.capacity, s.registered_count, s.target_region_ids, s.status, s.version`;

/** What a single-session read adds to SESSION_COLUMNS. */
export const SESSION_DETAIL_COLUMNS = `s.description, s.reminder_offsets_minutes`;

/**
 * The speakers of row `s`, in their order, as JSON built by Postgres. In a query with ORDER BY and
 * LIMIT the planner evaluates it for the returned rows only (after the sort), so a page of 50
 * costs 50 index probes, never one per matching session, and no second round trip.
 */
export const SESSION_SPEAKERS_COLUMN = `COALESCE((
    SELECT json_agg(json_build_object('id', sp.id, 'fullName', sp.full_name, 'affiliation', sp.affiliation)
                    ORDER BY ss.position, sp.full_name)
      FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id
     WHERE ss.session_id = s.id), '[]'::json) AS speakers`;

/**
 * Who sees which sessions: organizers and admins everything; everyone else sessions of published
 * programs, and coordinators, speakers and moderators also the sessions they speak at. Returns a
 * SQL condition (or null for "everything"), pushing its parameters onto `params`.
 */
export function sessionVisibility(actor: Actor, params: unknown[]): string | null {
  if (isOrganizer(actor)) return null;
  const published = `p.status = 'published'`;
  if (!hasRole(actor, 'coordinator', 'speaker', 'moderator')) return published;
  params.push(actor.userId);
  return `(${published} OR EXISTS (SELECT 1 FROM session_speakers vss JOIN speakers vsp ON vsp.id = vss.speaker_id
    WHERE vss.session_id = s.id AND vsp.user_id = $${params.length}))`;
}

export function toSessionReadModel(
  row: SessionRow,
  regions: ReadonlyMap<number, RegionRef>,
  speakers: SpeakerRef[] = row.speakers ?? [],
): SessionReadModel {
  const model: SessionReadModel = {
    id: row.id,
    program: { id: row.program_id, title: row.program_title, status: row.program_status },
    module:
      row.module_id === null
        ? null
        : { id: row.module_id, position: row.module_position!, title: row.module_title ?? {} },
    title: row.title,
    startAt: row.start_at,
    endAt: row.end_at,
    timeZone: row.time_zone,
    format: row.format,
    venue: row.venue,
    joinUrl: row.join_url,
    capacity: row.capacity,
    registeredCount: row.registered_count,
    targetRegions: row.target_region_ids
      .map((id) => regions.get(id))
      .filter((r): r is RegionRef => r !== undefined),
    speakers,
    status: row.status,
    version: row.version,
  };
  if (row.description !== undefined) model.description = row.description;
  if (row.reminder_offsets_minutes !== undefined) model.reminderOffsetsMinutes = row.reminder_offsets_minutes;
  return model;
}

export async function loadSections(em: EntityManager, sessionId: string): Promise<SectionReadModel[]> {
  const rows: {
    id: string;
    session_id: string;
    title: LocalizedText;
    description: LocalizedText;
    lead_speaker_id: string | null;
    lead_full_name: string | null;
    lead_affiliation: string | null;
    capacity: number | null;
    registered_count: number;
    position: number;
  }[] = await em.query(
    `SELECT c.id, c.session_id, c.title, c.description, c.lead_speaker_id, sp.full_name AS lead_full_name,
            sp.affiliation AS lead_affiliation, c.capacity, c.registered_count, c.position
       FROM sections c LEFT JOIN speakers sp ON sp.id = c.lead_speaker_id
      WHERE c.session_id = $1
      ORDER BY c.position, c.created_at`,
    [sessionId],
  );
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    title: r.title,
    description: r.description,
    leadSpeaker: r.lead_speaker_id
      ? { id: r.lead_speaker_id, fullName: r.lead_full_name!, affiliation: r.lead_affiliation }
      : null,
    capacity: r.capacity,
    registeredCount: r.registered_count,
    position: r.position,
  }));
}
