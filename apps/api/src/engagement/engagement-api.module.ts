import { Module } from '@nestjs/common';
import { EngagementModule } from '@qatys/domain';
import { PollBankController } from './poll-bank.controller';
import { SessionPollsController } from './session-polls.controller';

@Module({
  imports: [EngagementModule],
  controllers: [PollBankController, SessionPollsController],
})
export class EngagementApiModule {}
