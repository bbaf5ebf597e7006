import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainEvent } from '../events/domain-event.entity';
import { ProgramEnrollment, Registration, RosterEntry } from './registration.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Registration, ProgramEnrollment, RosterEntry, DomainEvent])],
  providers: [],
  exports: [TypeOrmModule],
})
export class RegistrationsModule {}
