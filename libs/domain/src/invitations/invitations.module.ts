import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { AbsenteesService } from './absentees.service';
import { ExpectedPerson, InvitationSettings } from './expected-person.entity';
import { ExpectedListsService } from './expected-lists.service';
import { InvitationHandlers } from './invitation.handlers';
import { InvitationNoticeContent } from './invitation-notice.content';
import { InvitationsService } from './invitations.service';

const SERVICES = [
  ExpectedListsService,
  InvitationsService,
  AbsenteesService,
  InvitationHandlers,
  InvitationNoticeContent,
];

/**
 * Expected lists of named people and their invitations. Needs INVITATION_LINKS (the secret and
 * base of personal links) from the app: the api checks links, the worker writes them.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ExpectedPerson, InvitationSettings]),
    IdentityModule,
    RegistrationsModule,
    AttendanceModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class InvitationsModule {}
