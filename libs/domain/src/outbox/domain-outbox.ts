import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxDispatcher } from '../events/outbox-dispatcher';
import { NOTIFICATION_HANDLERS } from '../notifications/notification.handlers';
import { NotificationsModule } from '../notifications/notifications.module';
import { Targets } from '../notifications/relay-targets';
import { RegistrationHandlers } from '../registrations/registration.handlers';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ROOM_HANDLERS } from '../rooms/room-recordings.service';
import { CohortEnrolmentService } from '../selection/cohort-enrolment.service';
import { SelectionModule } from '../selection/selection.module';

/**
 * Every consumer of the domain events, in one dispatcher: reminders and notices (notifications),
 * waitlist promotion and program members' registration (registrations), cohort enrolment
 * (selection), the recording link of a session (rooms). This is the top of the context map: it knows the contexts, none of them knows it.
 * The worker drains it; tests may too.
 */
@Injectable()
export class DomainOutbox extends OutboxDispatcher<Targets> {
  constructor(
    @InjectDataSource() ds: DataSource,
    registrations: RegistrationHandlers,
    cohort: CohortEnrolmentService,
  ) {
    super(
      ds,
      [
        ...NOTIFICATION_HANDLERS,
        ...registrations.handlers,
        ...cohort.handlers,
        ...(ROOM_HANDLERS as never[]),
      ],
      () => new Targets(),
    );
  }
}

@Module({
  imports: [NotificationsModule, RegistrationsModule, SelectionModule],
  providers: [DomainOutbox],
  exports: [DomainOutbox],
})
export class DomainOutboxModule {}
