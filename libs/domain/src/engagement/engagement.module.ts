import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { ChatService } from './chat.service';
import { EngagementAccess } from './engagement-access';
import { EngagementLiveStore } from './engagement-live.store';
import { EngagementSettingsService } from './engagement-settings.service';
import { HandsService } from './hands.service';
import { PollAnswersQueue } from './poll-answers.queue';
import { PollAnswersWriter } from './poll-answers.writer';
import { PollBankService } from './poll-bank.service';
import { PollsReportService } from './polls-report.service';
import { PollsService } from './polls.service';

const SERVICES = [PollBankService, PollsReportService, EngagementSettingsService];

/** The poll bank, poll reports and engagement settings: Postgres only (the API uses it as is). */
@Module({
  imports: [AttendanceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class EngagementModule {}

/**
 * What a gateway process adds (polls answered live, hands and reactions in Redis, chat): list
 * these with the attendance and Q&A live providers, and providers of LIVE_REDIS, LIVE_OPTIONS and
 * ENGAGEMENT_OPTIONS.
 */
export const ENGAGEMENT_LIVE_PROVIDERS = [
  EngagementAccess,
  EngagementLiveStore,
  EngagementSettingsService,
  PollAnswersWriter,
  PollAnswersQueue,
  PollsService,
  PollBankService,
  HandsService,
  ChatService,
];
