import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module';
import { LiveQaService } from './live-qa.service';
import { LiveRateLimiter } from './live-rate-limiter';
import { Question, QuestionVote } from './question.entity';
import { QuestionsService } from './questions.service';

/** Questions in Postgres (the API lists them; the gateway asks, votes and moderates). */
@Module({
  imports: [AttendanceModule, TypeOrmModule.forFeature([Question, QuestionVote])],
  providers: [QuestionsService],
  exports: [TypeOrmModule, QuestionsService],
})
export class QaModule {}

/** Gateway-only Q&A providers (rate limits in Redis): need LIVE_REDIS and LIVE_OPTIONS. */
export const LIVE_QA_PROVIDERS = [LiveRateLimiter, LiveQaService];
