import { domainEvent, NewDomainEvent } from '../events/domain-events';
import type { Call } from './call.entity';

/** An applicant's decision, with the language they will be told in. */
export function decisionEvent(
  call: Call,
  applicationId: string,
  person: { userId: string; language: string },
  decision: 'selected' | 'waitlisted' | 'rejected',
  waitlistRank: number | null,
  promoted: boolean,
): NewDomainEvent {
  return domainEvent('application.decided', applicationId, {
    applicationId,
    userId: person.userId,
    callId: call.id,
    programId: call.programId,
    decision,
    waitlistRank,
    promoted,
    // The applicant's language when decided: the notice goes out in it.
    language: person.language,
  });
}

/** The cohort of a call changed: the program's enrolments are brought in line (outbox). */
export function cohortChanged(
  call: Call,
  reason: 'commit' | 'withdrawal' | 'request',
  actorId: string,
): NewDomainEvent {
  return domainEvent('selection.cohort_changed', call.id, {
    callId: call.id,
    programId: call.programId,
    reason,
    actorId,
  });
}
