import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { IdentityService } from '../identity/identity.service';
import { ProgramEnrollmentsService } from '../registrations/program-enrollments.service';
import { RegistrationsService } from '../registrations/registrations.service';
import type { Actor } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import type { Language } from '../shared/localized-text';
import { REGISTERED, STATUS } from './expected-people.queries';
import {
  checkInvitationOffsets,
  DEFAULT_INVITATION_REMINDER_OFFSETS_MINUTES,
} from './invitation-reminder.policy';
import { INVITATION_LINKS, InvitationLinks, verifyInvitationToken } from './invitation-token';
import { ListScope, managedRegions, resolveScope, returnedRows } from './list-scope';

export interface InvitationView {
  inviteeId: string;
  fullName: string;
  language: Language;
  status: 'listed' | 'invited' | 'registered' | 'declined' | 'bounced';
  scope: { type: 'program' | 'session'; id: string; programId: string };
  programTitle: Record<string, string>;
  sessionTitle: Record<string, string> | null;
  startAt: Date | null;
  /** The account has no password yet: the landing page offers to set one. */
  canSetPassword: boolean;
}

interface InviteeRow {
  id: string;
  user_id: string | null;
  scope_type: 'program' | 'session';
  scope_id: string;
  program_id: string;
  session_id: string | null;
  region_id: number;
  full_name: string;
  language: Language;
  status: InvitationView['status'];
  has_password: boolean;
  disabled: boolean;
  program_title: Record<string, string>;
  session_title: Record<string, string> | null;
  start_at: Date | null;
  /** Nothing is left to register for: the session, or every session of the program, is over. */
  closed: boolean;
}

/**
 * Invitations of listed people: sending (once per person, as `invitation.sent` events the outbox
 * turns into mails and reminders), and what the personal link allows without signing in —
 * reading the invitation, registering (one click), declining with a reason, setting the first
 * password of an account made from the list.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly enrollments: ProgramEnrollmentsService,
    private readonly identity: IdentityService,
    @Inject(INVITATION_LINKS) private readonly links: InvitationLinks,
  ) {}

  /**
   * Invites everyone on the list (a coordinator: of their regions; optionally one region) who
   * has an account, was never invited and is neither registered nor declined. Returns how many.
   */
  async send(actor: Actor, scopeRef: ListScope, regionId?: number): Promise<{ invited: number }> {
    const regions = managedRegions(actor);
    const scope = await resolveScope(this.ds, scopeRef);
    const only = regionId === undefined ? regions : (regions ?? [regionId]).filter((r) => r === regionId);
    return this.ds.transaction(async (em) => {
      const invited: { id: string; user_id: string }[] = await em
        .query(
          `UPDATE expected_people p SET invited_at = now(), updated_at = now()
          WHERE p.scope_type = $1 AND p.scope_id = $2 AND p.user_id IS NOT NULL AND p.invited_at IS NULL
            AND p.declined_at IS NULL AND ($3::int[] IS NULL OR p.region_id = ANY($3::int[]))
            AND NOT ${REGISTERED('p')}
          RETURNING p.id, p.user_id`,
          [scope.type, scope.id, only],
        )
        .then((r) => returnedRows<{ id: string; user_id: string }>(r));
      await recordEvents(
        em,
        invited.map((p) =>
          domainEvent('invitation.sent', p.id, {
            inviteeId: p.id,
            userId: p.user_id,
            programId: scope.programId,
            sessionId: scope.sessionId,
          }),
        ),
      );
      return { invited: invited.length };
    });
  }

  async settings(programId: string): Promise<{ reminderOffsetsMinutes: number[] }> {
    const [row]: { reminder_offsets_minutes: number[] }[] = await this.ds.query(
      `SELECT reminder_offsets_minutes FROM invitation_settings WHERE program_id = $1`,
      [programId],
    );
    return {
      reminderOffsetsMinutes: row?.reminder_offsets_minutes ?? [
        ...DEFAULT_INVITATION_REMINDER_OFFSETS_MINUTES,
      ],
    };
  }

  /** A program's invitation reminder offsets (organizers); people invited from now on get them. */
  async setSettings(
    actor: Actor,
    programId: string,
    offsets: number[],
  ): Promise<{ reminderOffsetsMinutes: number[] }> {
    if (managedRegions(actor) !== null)
      throw invalid('organizers_only', 'Only organizers set invitation reminders');
    await resolveScope(this.ds, { type: 'program', id: programId });
    const checked = checkInvitationOffsets(offsets);
    await this.ds.query(
      `INSERT INTO invitation_settings (program_id, reminder_offsets_minutes) VALUES ($1, $2)
       ON CONFLICT (program_id) DO UPDATE SET reminder_offsets_minutes = EXCLUDED.reminder_offsets_minutes, updated_at = now()`,
      [programId, checked],
    );
    return { reminderOffsetsMinutes: checked };
  }

  async byToken(token: string): Promise<InvitationView> {
    return this.view(await this.invitee(token));
  }

  /**
   * Registers the invitee — for the session, or the whole program — in the list's region. The
   * act is the organizer's invitation taken up, so it runs as an actor built here (the invitee,
   * allowed to name the list's region), never from anything the request says. Idempotent.
   */
  async accept(token: string): Promise<InvitationView> {
    const p = await this.invitee(token);
    if (p.status === 'registered') return this.view(p);
    if (p.closed)
      throw conflict('invitation_closed', 'This training is over: there is nothing left to register for');
    const actor = this.actorOf(p);
    if (p.session_id)
      await this.registrations.register(actor, p.session_id, { userId: p.user_id!, regionId: p.region_id });
    else
      await this.enrollments.enrollInProgram(actor, p.program_id, {
        userId: p.user_id!,
        regionId: p.region_id,
      });
    await this.ds.transaction(async (em) => {
      await em.query(
        `UPDATE expected_people SET accepted_at = now(), declined_at = NULL, decline_reason = NULL, updated_at = now() WHERE id = $1`,
        [p.id],
      );
      await recordEvents(em, [
        domainEvent('invitation.accepted', p.id, {
          inviteeId: p.id,
          userId: p.user_id!,
          programId: p.program_id,
          sessionId: p.session_id,
        }),
      ]);
    });
    return this.view(await this.invitee(token));
  }

  /** Declines with a reason; a registration already made through the list is cancelled. */
  async decline(token: string, reason: string | null): Promise<InvitationView> {
    const p = await this.invitee(token);
    if (p.status === 'registered') await this.cancelRegistrations(p);
    await this.ds.transaction(async (em) => {
      await em.query(
        `UPDATE expected_people SET declined_at = now(), decline_reason = $2, accepted_at = NULL, updated_at = now() WHERE id = $1`,
        [p.id, reason?.trim() || null],
      );
      await recordEvents(em, [
        domainEvent('invitation.declined', p.id, {
          inviteeId: p.id,
          userId: p.user_id!,
          programId: p.program_id,
          sessionId: p.session_id,
        }),
      ]);
    });
    return this.view(await this.invitee(token));
  }

  async setPassword(token: string, password: string): Promise<void> {
    const p = await this.invitee(token);
    await this.identity.setInitialPassword(p.user_id!, password);
  }

  private async cancelRegistrations(p: InviteeRow): Promise<void> {
    const actor = this.actorOf(p);
    if (!p.session_id) {
      await this.enrollments.cancelEnrollment(actor, p.program_id, 'me').catch((e: { kind?: string }) => {
        if (e.kind !== 'not_found') throw e;
      });
    }
    const regs: { id: string }[] = await this.ds.query(
      `SELECT r.id FROM registrations r JOIN sessions s ON s.id = r.session_id
        WHERE r.user_id = $1 AND r.status <> 'cancelled'
          AND (r.session_id = $2 OR ($2::uuid IS NULL AND s.program_id = $3))`,
      [p.user_id, p.session_id, p.program_id],
    );
    for (const r of regs) await this.registrations.cancel(actor, r.id);
  }

  private actorOf(p: InviteeRow): Actor {
    return {
      userId: p.user_id!,
      roles: ['organizer'],
      coordinatorRegionIds: [],
      timeZone: 'UTC',
      language: p.language,
    };
  }

  private async invitee(token: string): Promise<InviteeRow> {
    const id = verifyInvitationToken(this.links.secret, token);
    // Forged, cut, or of a person since removed from the list: all the same answer.
    const rows: InviteeRow[] = id
      ? await this.ds.query(
          `SELECT p.id, p.user_id, p.scope_type, p.scope_id, p.program_id, p.session_id, p.region_id, p.full_name,
                  p.language, ${STATUS('p')} AS status, u.password_hash IS NOT NULL AS has_password,
                  u.disabled_at IS NOT NULL AS disabled, pr.title AS program_title, s.title AS session_title,
                  coalesce(s.start_at, (SELECT min(x.start_at) FROM sessions x
                                         WHERE x.program_id = p.program_id AND x.status <> 'cancelled' AND x.end_at > now())) AS start_at,
                  CASE WHEN s.id IS NOT NULL THEN s.end_at <= now() OR s.status IN ('ended', 'cancelled')
                       ELSE NOT EXISTS (SELECT 1 FROM sessions x WHERE x.program_id = p.program_id
                                          AND x.status IN ('scheduled', 'live') AND x.end_at > now()) END AS closed
             FROM expected_people p
             JOIN users u ON u.id = p.user_id
             JOIN programs pr ON pr.id = p.program_id
             LEFT JOIN sessions s ON s.id = p.session_id
            WHERE p.id = $1`,
          [id],
        )
      : [];
    const row = rows[0];
    if (!row || row.disabled) throw notFound('Invitation', 'of this link');
    return row;
  }

  private view(p: InviteeRow): InvitationView {
    return {
      inviteeId: p.id,
      fullName: p.full_name,
      language: p.language,
      status: p.status,
      scope: { type: p.scope_type, id: p.scope_id, programId: p.program_id },
      programTitle: p.program_title,
      sessionTitle: p.session_title,
      startAt: p.start_at,
      canSetPassword: !p.has_password,
    };
  }
}
