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
import { SessionSchedulingService } from './session-scheduling.service';
import { CatalogModule } from '../catalog/catalog.module';

@Module({
  // Catalog and identity rows are read and locked directly; the catalog's services are used only
  // by the scheduling use cases that follow a catalog change with registrations.
  imports: [
    CatalogModule,
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
  providers: [RegistrationsService, RostersService, SessionSchedulingService],
  exports: [TypeOrmModule, RegistrationsService, RostersService, SessionSchedulingService],
})
export class RegistrationsModule {}
