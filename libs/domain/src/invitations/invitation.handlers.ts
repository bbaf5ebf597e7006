/**
 * The consequences of invitations, as outbox handlers (run by the worker in the transaction that
 * marks their event processed): the invitation mail and its reminders, their end when the person
 * registers or declines, and an organizer's follow-up of a session's absentees. Notice rows go to
 * the notifications ledger like every other message, each with a key derived from its event.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QuietHours } from '../catalog/program.policy';
import type { AnyOutboxHandler } from '../events/outbox-dispatcher';
import type { Targets } from '../notifications/relay-targets';
import { AbsenteesService } from './absentees.service';
import { planInvitationReminders } from './invitation-reminder.policy';

interface PlanFacts {
  time_zone: string;
  start_at: Date | null;
  offsets: number[] | null;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
}

@Injectable()
export class InvitationHandlers {
  constructor(private readonly absentees: AbsenteesService) {}

  readonly handlers: readonly AnyOutboxHandler<Targets>[] = [
    {
      type: 'invitation.sent',
      handle: async (em, { id, occurredAt, payload: p }, t) => {
        await em.query(
          `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload, event_id)
           VALUES ('invitation.sent', $1, $2, now(), $3::jsonb, $4::bigint)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          [`invitation-${p.inviteeId}`, p.userId, JSON.stringify({ inviteeId: p.inviteeId }), id],
        );
        await planReminders(em, id, p.inviteeId, p.userId, occurredAt);
        t.eventIds.push(id);
      },
    },
    {
      type: 'invitation.accepted',
      handle: (em, { payload: p }) => stopReminders(em, p.inviteeId, 'registered'),
    },
    {
      type: 'invitation.declined',
      handle: (em, { payload: p }) => stopReminders(em, p.inviteeId, 'declined'),
    },
    {
      type: 'absentees.followed_up',
      handle: async (em, event, t) => {
        await this.absentees.writeFollowUps(em, event.id, event.payload);
        t.eventIds.push(event.id);
      },
    },
  ];
}

/** The invitee's reminders, planned once at the invitation from the scope's start as it is then. */
async function planReminders(
  em: EntityManager,
  eventId: string,
  inviteeId: string,
  userId: string,
  invitedAt: Date,
): Promise<void> {
  const [f]: PlanFacts[] = await em.query(
    `SELECT u.time_zone, pr.quiet_hours_start, pr.quiet_hours_end, st.reminder_offsets_minutes AS offsets,
            coalesce(s.start_at, (SELECT min(x.start_at) FROM sessions x
                                   WHERE x.program_id = p.program_id AND x.status = 'scheduled' AND x.start_at > $3)) AS start_at
       FROM expected_people p
       JOIN users u ON u.id = $2
       JOIN programs pr ON pr.id = p.program_id
       LEFT JOIN invitation_settings st ON st.program_id = p.program_id
       LEFT JOIN sessions s ON s.id = p.session_id
      WHERE p.id = $1`,
    [inviteeId, userId, invitedAt],
  );
  if (!f?.start_at) return;
  const quiet: QuietHours | null =
    f.quiet_hours_start && f.quiet_hours_end ? { start: f.quiet_hours_start, end: f.quiet_hours_end } : null;
  const plan = planInvitationReminders({
    startAt: f.start_at,
    offsetsMinutes: f.offsets,
    inviteeZone: f.time_zone,
    quietHours: quiet,
    invitedAt,
  });
  if (!plan.length) return;
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, offset_minutes, due_at, payload, event_id)
     SELECT 'invitation.reminder', 'invitation-reminder-' || $1::text || '-' || x.offset_minutes, $2,
            x.offset_minutes, x.due_at, jsonb_build_object('inviteeId', $1::text), $3::bigint
       FROM unnest($4::int[], $5::timestamptz[]) AS x(offset_minutes, due_at)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [inviteeId, userId, eventId, plan.map((r) => r.offsetMinutes), plan.map((r) => r.dueAt)],
  );
}

/** Registered or declined: the reminders still planned will not go (their jobs find them cancelled). */
async function stopReminders(em: EntityManager, inviteeId: string, reason: string): Promise<void> {
  await em.query(
    `UPDATE notifications SET status = 'cancelled', last_error = $2, updated_at = now()
      WHERE kind = 'invitation.reminder' AND status = 'planned'
        AND event_id = (SELECT event_id FROM notifications WHERE dedupe_key = 'invitation-' || $1::text)`,
    [inviteeId, reason],
  );
}
