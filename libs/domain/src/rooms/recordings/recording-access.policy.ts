/**
 * Who may watch a session's recording: the people registered for it (status `registered` now,
 * so a cancelled seat loses it), its speakers, and those who run sessions (organizers, admins,
 * moderators). Coordinators follow their regions in the reports, not the recordings.
 */
export function mayWatchRecording(f: {
  roles: readonly string[];
  isSpeaker: boolean;
  registrationStatus: string | null;
}): boolean {
  if (f.roles.some((r) => r === 'admin' || r === 'organizer' || r === 'moderator')) return true;
  return f.isSpeaker || f.registrationStatus === 'registered';
}

export const RECORDING_CONTENT_TYPE = 'video/webm';
