import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { Program } from '../catalog/program.entity';
import { DomainEvent } from '../events/domain-event.entity';
import { Region } from '../identity/region.entity';
import { User } from '../identity/user.entity';
import { ProgramEnrollment } from '../registrations/registration.entity';
import { RegistrationsModule } from '../registrations/registrations.module';
import { Application } from './application.entity';
import { ApplicationsService } from './applications.service';
import { Call } from './call.entity';
import { CallReviewersService } from './call-reviewers.service';
import { CallsService } from './calls.service';
import { InterviewsService } from './interviews.service';
import { CallReviewer, ReviewAssignment, ReviewConflict, Score } from './review.entity';
import { ReviewsService } from './reviews.service';
import { SelectionAudit } from './selection-audit.entity';
import { SelectionOverride, SelectionRun } from './selection-run.entity';
import { CohortEnrolmentService } from './cohort-enrolment.service';
import { RankingService } from './ranking.service';
import { SeatDeclinesService } from './seat-declines.service';
import { SelectionRunsService } from './selection-runs.service';

const SERVICES = [
  CallsService,
  CallReviewersService,
  ApplicationsService,
  InterviewsService,
  ReviewsService,
  RankingService,
  SelectionRunsService,
  SeatDeclinesService,
  CohortEnrolmentService,
];

/**
 * Calls for applications, the commission's scores, ranking and cohort selection. Interviews are
 * catalog sessions (SessionsService) with the applicant registered (RegistrationsService); the
 * selected are enrolled through ProgramEnrollmentsService by the outbox (CohortEnrolmentService).
 */
@Module({
  imports: [
    CatalogModule,
    RegistrationsModule,
    TypeOrmModule.forFeature([
      Call,
      Application,
      CallReviewer,
      ReviewAssignment,
      ReviewConflict,
      Score,
      SelectionRun,
      SelectionOverride,
      SelectionAudit,
      // read or written here, owned by other contexts
      Program,
      ProgramEnrollment,
      Region,
      User,
      DomainEvent,
    ]),
  ],
  providers: SERVICES,
  exports: [TypeOrmModule, ...SERVICES],
})
export class SelectionModule {}
