import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DomainEventType } from '../events/domain-events';
import { AnyOutboxHandler, OutboxDispatcher, OutboxHandler } from '../events/outbox-dispatcher';
import { CertificateHandlers } from '../certificates/certificate.handlers';
import { CertificatesModule } from '../certificates/certificates.module';
import { InvitationHandlers } from '../invitations/invitation.handlers';
import { InvitationsModule } from '../invitations/invitations.module';
import { NOTIFICATION_HANDLERS } from '../notifications/notification.handlers';
import { NotificationsModule } from '../notifications/notifications.module';
import { Targets } from '../notifications/relay-targets';
import { RegistrationHandlers } from '../registrations/registration.handlers';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ROOM_HANDLERS, RoomEffects } from '../rooms/room-recordings.service';
import { CohortEnrolmentService } from '../selection/cohort-enrolment.service';
import { SelectionModule } from '../selection/selection.module';

/** What a batch leaves for the worker: the notification jobs (Targets) and the recordings to convert. */
export class OutboxEffects extends Targets implements RoomEffects {
  convertRecordings: string[] = [];
}

/**
 * Several contexts may react to one event (`session.ended`: follow-ups and certificates;
 * `room.recording_ready`: the link, then the notice): their handlers run one after the other as the event's one handler, in the order listed, under the
 * event's savepoint, taken once settled for the slowest of them. Each is idempotent, so a retry
 * after one of them failed repeats nothing the others did.
 */
export function composeHandlers<E>(handlers: readonly AnyOutboxHandler<E>[]): AnyOutboxHandler<E>[] {
  const byType = new Map<DomainEventType, AnyOutboxHandler<E>[]>();
  for (const h of handlers) byType.set(h.type, [...(byType.get(h.type) ?? []), h]);
  return [...byType.values()].map((group) => {
    if (group.length === 1) return group[0];
    const all = group as OutboxHandler<DomainEventType, E>[];
    const composed: OutboxHandler<DomainEventType, E> = {
      type: group[0].type,
      settleMs: Math.max(...all.map((h) => h.settleMs ?? 0)),
      async handle(em, event, effects) {
        for (const h of all) await h.handle(em, event, effects);
      },
    };
    return composed as AnyOutboxHandler<E>;
  });
}

/**
 * Every consumer of the domain events, in one dispatcher: reminders and notices (notifications),
 * waitlist promotion and program members' registration (registrations), cohort enrolment
 * (selection), the rooms (recording conversions, the recording link of a session), invitation
 * mails and absentee follow-ups (invitations), certificates. This is the top of the context map:
 * it knows the contexts, none of them knows it. The worker drains it; tests may too.
 */
@Injectable()
export class DomainOutbox extends OutboxDispatcher<OutboxEffects> {
  constructor(
    @InjectDataSource() ds: DataSource,
    registrations: RegistrationHandlers,
    cohort: CohortEnrolmentService,
    invitations: InvitationHandlers,
    certificates: CertificateHandlers,
  ) {
    super(
      ds,
      // Rooms first: `room.recording_ready` puts the link on the session before notifications
      // tell those whose follow-up lacked it.
      composeHandlers<OutboxEffects>([
        ...ROOM_HANDLERS,
        ...NOTIFICATION_HANDLERS,
        ...registrations.handlers,
        ...cohort.handlers,
        ...invitations.handlers,
        ...certificates.handlers,
      ]),
      () => new OutboxEffects(),
    );
  }
}

@Module({
  imports: [NotificationsModule, RegistrationsModule, SelectionModule, InvitationsModule, CertificatesModule],
  providers: [DomainOutbox],
  exports: [DomainOutbox],
})
export class DomainOutboxModule {}
