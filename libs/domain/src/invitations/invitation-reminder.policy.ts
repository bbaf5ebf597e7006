/**
 * When invited people who have not registered are reminded: the program's own offsets before
 * the start (default 3 days and 1 day), in the invitee's zone under the program's quiet hours —
 * the reminder policy of the notifications context, applied as it is — and never sooner than
 * MIN_GAP after the invitation itself (someone invited the evening before needs no reminder at
 * breakfast).
 */
import type { QuietHours } from '../catalog/program.policy';
import {
  effectiveReminderOffsets,
  planReminders,
  PlannedReminder,
} from '../notifications/reminder-plan.policy';
import { invalid } from '../shared/domain.errors';

export const DEFAULT_INVITATION_REMINDER_OFFSETS_MINUTES: readonly number[] = [3 * 1440, 1440];
export const INVITATION_REMINDER_MIN_GAP_MINUTES = 12 * 60;
export const MAX_INVITATION_REMINDER_OFFSET_MINUTES = 60 * 1440;

export function planInvitationReminders(input: {
  startAt: Date;
  offsetsMinutes: readonly number[] | null;
  inviteeZone: string;
  quietHours: QuietHours | null;
  invitedAt: Date;
}): PlannedReminder[] {
  return planReminders({
    startAt: input.startAt,
    offsetsMinutes: effectiveReminderOffsets(
      input.offsetsMinutes ?? DEFAULT_INVITATION_REMINDER_OFFSETS_MINUTES,
      null,
    ),
    attendeeZone: input.inviteeZone,
    quietHours: input.quietHours,
    now: new Date(input.invitedAt.getTime() + INVITATION_REMINDER_MIN_GAP_MINUTES * 60_000),
  });
}

/** Offsets an organizer may set: whole minutes, at least an hour, at most 60 days, at most five. */
export function checkInvitationOffsets(offsets: readonly number[]): number[] {
  if (offsets.length > 5) throw invalid('invalid_offsets', 'At most 5 invitation reminders');
  for (const o of offsets) {
    if (!Number.isInteger(o) || o < 60 || o > MAX_INVITATION_REMINDER_OFFSET_MINUTES) {
      throw invalid(
        'invalid_offsets',
        `reminderOffsetsMinutes: each must be a whole number of minutes from 60 to ${MAX_INVITATION_REMINDER_OFFSET_MINUTES} (got ${o})`,
      );
    }
  }
  return effectiveReminderOffsets(offsets, null);
}
