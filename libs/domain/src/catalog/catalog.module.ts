import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainEvent } from '../events/domain-event.entity';
import { Region } from '../identity/region.entity';
import { IdentityModule } from '../identity/identity.module';
import { Organization, User } from '../identity/user.entity';
import { Program, ProgramModule } from './program.entity';
import { ProgramModulesService } from './program-modules.service';
import { ProgramsService } from './programs.service';
import { RegionDirectory } from './region-directory.service';
import { ScheduleService } from './schedule.service';
import { SectionsService } from './sections.service';
import { Section, Session, SessionSpeaker } from './session.entity';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionsService } from './sessions.service';
import { Speaker } from './speaker.entity';
import { SpeakersService } from './speakers.service';
import { SpeakerPhoto } from './speaker-photo.entity';
import { SpeakerPhotosService } from './speaker-photos.service';

const SERVICES = [
  ProgramsService,
  ProgramModulesService,
  SessionsService,
  SessionLifecycleService,
  SectionsService,
  SpeakersService,
  SpeakerPhotosService,
  ScheduleService,
  RegionDirectory,
];

@Module({
  imports: [
    IdentityModule,
    TypeOrmModule.forFeature([
      Program,
      ProgramModule,
      Session,
      SessionSpeaker,
      Section,
      Speaker,
      SpeakerPhoto,
      // read or written by the catalog's services, owned by other contexts
      Region,
      User,
      Organization,
      DomainEvent,
    ]),
  ],
  providers: SERVICES,
  exports: [TypeOrmModule, ...SERVICES],
})
export class CatalogModule {}
