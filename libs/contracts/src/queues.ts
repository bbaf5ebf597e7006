/**
 * Queue and job names, and the payload of each job (one JobMap). Payloads carry ids and UTC ISO
 * instants only. Names never change once shipped: jobs already in Redis refer to them.
 */
export const QUEUES = {
  notifications: 'notifications',
  certificates: 'certificates',
  /** Conversions of built-in rooms' recordings (janus-pp-rec + ffmpeg): long, CPU-bound, one at a time. */
  recordings: 'recordings',
} as const;

export interface JobMap {
  /**
   * Queue `notifications`: deliver reminder row `notificationId` (table notifications). jobId
   * `reminder-<registrationId>-<offsetMinutes>-v<sessionVersion>-t<due unix seconds>`; `dueAt`
   * is the instant the row had when the job was made (a row planned anew gets a new job).
   */
  /** `sendFrom`: released early as part of a burst (bounded by the domain's release policy). */
  'reminder.send': { notificationId: string; dueAt: string; sendFrom?: string };
  /** Queue `notifications`: deliver notice row `notificationId`. jobId `notice-<eventId>[-<registrationId>]`. */
  'notice.send': { notificationId: string; kind: string; dueAt: string };
  /** Queue `certificates`: render and store the PDF of pending certificate `certificateId`. jobId `certificate-<id>`. */
  'certificate.issue': { certificateId: string };
  /**
   * Queue `recordings`: convert the session's room recording (session_rooms.recording_status
   * `pending`) into one WebM. jobId `recording-<sessionId>`.
   */
  'recording.convert': { sessionId: string };
}

export type JobName = keyof JobMap;
