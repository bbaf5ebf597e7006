/**
 * What the worker must do in Redis once an outbox batch committed: make the jobs of the rows the
 * batch planned, and drop the jobs of rows it cancelled. Rows are the truth; these targets only
 * save the relay a search (the reconciler would find the same rows later anyway).
 */
export interface RelayTargets {
  /** Enqueue the planned rows of these registrations / sessions. */
  registrationIds: string[];
  sessionIds: string[];
  /** Enqueue the planned rows these events made (notices with neither registration nor session). */
  eventIds: string[];
  /** Remove the jobs of reminders cancelled for these registrations / session versions. */
  dropRegistrationIds: string[];
  dropSessions: { sessionId: string; version: number }[];
}

export class Targets implements RelayTargets {
  registrationIds: string[] = [];
  sessionIds: string[] = [];
  eventIds: string[] = [];
  dropRegistrationIds: string[] = [];
  dropSessions: { sessionId: string; version: number }[] = [];

  enqueueRegistrations(ids: readonly string[]): void {
    for (const id of ids) if (!this.registrationIds.includes(id)) this.registrationIds.push(id);
  }

  enqueueSessions(ids: readonly string[]): void {
    for (const id of ids) if (!this.sessionIds.includes(id)) this.sessionIds.push(id);
  }
}
