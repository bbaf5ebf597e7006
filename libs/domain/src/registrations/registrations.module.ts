import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Program } from '../catalog/program.entity';
import { Section, Session } from '../catalog/session.entity';
import { DomainEvent } from '../events/domain-event.entity';
import { Region } from '../identity/region.entity';
import { User } from '../identity/user.entity';
import { ProgramEnrollment, Registration, RosterEntry } from './registration.entity';
import { RegistrationsService } from './registrations.service';
import { RostersService } from './rosters.service';
import { ProgramEnrollmentsService } from './program-enrollments.service';
import { RegistrationHandlers } from './registration.handlers';

@Module({
  // Catalog and identity rows are read and locked directly; catalog changes reach registrations
  // through their domain events (RegistrationHandlers).
  imports: [
    TypeOrmModule.forFeature([
      Registration,
      ProgramEnrollment,
      RosterEntry,
      DomainEvent,
      Program,
      Session,
      Section,
      Region,
      User,
    ]),
  ],
  providers: [RegistrationsService, ProgramEnrollmentsService, RostersService, RegistrationHandlers],
  exports: [
    TypeOrmModule,
    RegistrationsService,
    ProgramEnrollmentsService,
    RostersService,
    RegistrationHandlers,
  ],
})
export class RegistrationsModule {}
