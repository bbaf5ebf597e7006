import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AnyOutboxHandler } from '../events/outbox-dispatcher';
import { NOTIFICATION_HANDLERS } from '../notifications/notification.handlers';
import { NotificationsModule } from '../notifications/notifications.module';
import { Targets } from '../notifications/relay-targets';
import { RegistrationHandlers } from '../registrations/registration.handlers';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ROOM_HANDLERS, RoomEffects } from '../rooms/room-recordings.service';
import { CohortEnrolmentService } from '../selection/cohort-enrolment.service';
import { SelectionModule } from '../selection/selection.module';
import { OutboxDispatcher } from '../events/outbox-dispatcher';

/** What a batch leaves for the worker: the notification jobs (Targets) and the recordings to convert. */
export class OutboxEffects extends Targets implements RoomEffects {
  convertRecordings: string[] = [];
}

/**
 * Handlers of the same event type from several contexts, run one after the other in the order
 * listed (under the event's one savepoint): `room.recording_ready` puts the link on the session
 * (rooms), then tells those whose follow-up lacked it (notifications).
 */
export function inOrder<E>(handlers: readonly AnyOutboxHandler<E>[]): AnyOutboxHandler<E>[] {
  const byType = new Map<string, AnyOutboxHandler<E>[]>();
  for (const h of handlers) byType.set(h.type, [...(byType.get(h.type) ?? []), h]);
  return [...byType.values()].map((same) =>
    same.length === 1
      ? same[0]
      : ({
          type: same[0].type,
          settleMs: Math.max(...same.map((h) => h.settleMs ?? 0)),
          async handle(em: EntityManager, event: unknown, effects: E) {
            for (const h of same) await h.handle(em, event as never, effects);
          },
        } as AnyOutboxHandler<E>),
  );
}

/**
 * Every consumer of the domain events, in one dispatcher: reminders and notices (notifications),
 * waitlist promotion and program members' registration (registrations), cohort enrolment
 * (selection), the rooms (recording conversions, the recording link of a session). This is the
 * top of the context map: it knows the contexts, none of them knows it.
 * The worker drains it; tests may too.
 */
@Injectable()
export class DomainOutbox extends OutboxDispatcher<OutboxEffects> {
  constructor(
    @InjectDataSource() ds: DataSource,
    registrations: RegistrationHandlers,
    cohort: CohortEnrolmentService,
  ) {
    super(
      ds,
      inOrder<OutboxEffects>([
        ...ROOM_HANDLERS,
        ...NOTIFICATION_HANDLERS,
        ...registrations.handlers,
        ...cohort.handlers,
      ]),
      () => new OutboxEffects(),
    );
  }
}

@Module({
  imports: [NotificationsModule, RegistrationsModule, SelectionModule],
  providers: [DomainOutbox],
  exports: [DomainOutbox],
})
export class DomainOutboxModule {}
