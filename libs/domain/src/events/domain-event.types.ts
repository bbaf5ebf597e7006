/**
 * Every domain event, in one place: its type, what it is about and its payload. A change records
 * its event in its own transaction (the outbox); consumers in the worker react to it (reminder
 * planning, notices, follow-ups, waitlist promotion, cohort enrolment). Payloads carry ids, UTC ISO
 * instants and the few facts a consumer needs that may change later (a version, a status).
 *
 * Adding an event: add it here; the compiler then asks every switch over events to handle it.
 */
export interface DomainEventMap {
  /** A session was added to a program: enrolled people get registered for it. */
  'session.created': { aggregate: 'session'; payload: { sessionId: string; programId: string } };
  'session.rescheduled': {
    aggregate: 'session';
    payload: {
      sessionId: string;
      /** The session's version after the move (reminders of older versions are stale). */
      version: number;
      oldStartAt: string;
      oldEndAt: string;
      newStartAt: string;
      newEndAt: string;
    };
  };
  'session.cancelled': {
    aggregate: 'session';
    payload: { sessionId: string; version: number; reason: string | null };
  };
  'session.ended': {
    aggregate: 'session';
    payload: { sessionId: string; version: number; endedAt: string; automatic?: boolean };
  };
  /** More seats (or no limit) on a session or one of its sections: the waitlist may move up. */
  'session.capacity_raised': {
    aggregate: 'session';
    payload: { sessionId: string; sectionId: string | null; capacity: number | null };
  };
  /** Reminder offsets of a session changed: its planned reminders follow. */
  'session.reminders_changed': { aggregate: 'session'; payload: { sessionId: string } };
  /** Reminder offsets or quiet hours of a program changed: every open session's plan follows. */
  'program.reminders_changed': { aggregate: 'program'; payload: { programId: string } };
  /** A person's time zone changed: their quiet hours moved, so do their planned reminders. */
  'user.time_zone_changed': {
    aggregate: 'user';
    payload: { userId: string; oldTimeZone: string; newTimeZone: string };
  };
  /** Someone asked to reset the password of this (active) account: the mail with the link follows. */
  'user.password_reset_requested': {
    aggregate: 'user';
    payload: { userId: string; requestedAt: string };
  };
  'registration.created': {
    aggregate: 'registration';
    payload: {
      registrationId: string;
      sessionId: string;
      userId: string;
      status: 'registered' | 'waitlisted';
      regionId: number | null;
      sectionId: string | null;
      source: string;
      programEnrollmentId: string | null;
      reactivated: boolean;
    };
  };
  'registration.cancelled': {
    aggregate: 'registration';
    payload: {
      registrationId: string;
      sessionId: string;
      userId: string;
      previousStatus: string;
      regionId: number | null;
      sectionId: string | null;
    };
  };
  'registration.promoted': {
    aggregate: 'registration';
    payload: {
      registrationId: string;
      sessionId: string;
      userId: string;
      regionId: number | null;
      sectionId: string | null;
    };
  };
  'application.decided': {
    aggregate: 'application';
    payload: {
      applicationId: string;
      userId: string;
      callId: string;
      programId: string;
      decision: 'selected' | 'waitlisted' | 'rejected';
      waitlistRank: number | null;
      promoted: boolean;
      /** The applicant's language when decided: the notice goes out in it. */
      language: string;
    };
  };
  /**
   * A session's room was ended (session over): a built-in room that was recorded gets its
   * conversion job (`recording: 'pending'`); BigBlueButton's recordings come by callback.
   */
  'room.ended': {
    aggregate: 'session';
    payload: {
      sessionId: string;
      provider: 'builtin' | 'bigbluebutton' | 'link';
      recording: 'pending' | 'none';
      endedAt: string;
    };
  };
  /** A session's recording can be watched: its link goes on the session (and into the follow-ups). */
  'room.recording_ready': {
    aggregate: 'session';
    payload: { sessionId: string; provider: 'builtin' | 'bigbluebutton'; url: string };
  };
  /**
   * An organizer set or changed a session's recording link after it ended: the people whose
   * follow-up went out without this link are told (the same notice as a converted recording).
   */
  'session.recording_link_set': {
    aggregate: 'session';
    payload: { sessionId: string; url: string };
  };
  /** A call's cohort changed (a commit, a decline): its program enrolments follow. */
  'selection.cohort_changed': {
    aggregate: 'call';
    payload: {
      callId: string;
      programId: string;
      reason: 'commit' | 'withdrawal' | 'request';
      /** The organizer on whose behalf enrolments are made (the one who committed). */
      actorId: string;
    };
  };
  /** A listed person was invited (the first time): the invitation mail and its reminders follow. */
  'invitation.sent': {
    aggregate: 'invitation';
    payload: { inviteeId: string; userId: string; programId: string; sessionId: string | null };
  };
  /** An invitee registered through their invitation: their invitation reminders stop. */
  'invitation.accepted': {
    aggregate: 'invitation';
    payload: { inviteeId: string; userId: string; programId: string; sessionId: string | null };
  };
  /** An invitee declined (with their reason): their invitation reminders stop. */
  'invitation.declined': {
    aggregate: 'invitation';
    payload: { inviteeId: string; userId: string; programId: string; sessionId: string | null };
  };
  /** An organizer followed up a session's absentees: one message per absentee (recording, next session). */
  'absentees.followed_up': {
    aggregate: 'session';
    payload: {
      sessionId: string;
      programId: string;
      /** Who is written to: registered but not present, and/or invited but never registered. */
      registered: boolean;
      invited: boolean;
      recordingUrl: string | null;
      /** The coordinator's regions when a coordinator asked (null: every region). */
      regionIds: number[] | null;
    };
  };
  /** An organizer asked for a program's certificates: the completers without one get one. */
  'certificates.requested': {
    aggregate: 'program';
    payload: { programId: string; batchId: string };
  };
  /** A certificate's PDF exists: its holder gets it by mail. */
  'certificate.issued': {
    aggregate: 'certificate';
    payload: { certificateId: string; userId: string; programId: string };
  };
}

export type DomainEventType = keyof DomainEventMap;
export type DomainEventPayload<T extends DomainEventType> = DomainEventMap[T]['payload'];
export type AggregateType = DomainEventMap[DomainEventType]['aggregate'];

/** An event to record: the discriminated union over every type. */
export type NewDomainEvent = {
  [T in DomainEventType]: {
    type: T;
    aggregateType: DomainEventMap[T]['aggregate'];
    aggregateId: string;
    payload: DomainEventPayload<T>;
  };
}[DomainEventType];

/** An event as the outbox holds it (id and time added), narrowed by `type`. */
export type StoredDomainEvent = {
  [T in DomainEventType]: {
    id: string;
    type: T;
    aggregateId: string;
    occurredAt: Date;
    payload: DomainEventPayload<T>;
    /** The recording request's W3C traceparent, when tracing was on. */
    traceParent?: string | null;
  };
}[DomainEventType];

export type StoredEventOf<T extends DomainEventType> = Extract<StoredDomainEvent, { type: T }>;
