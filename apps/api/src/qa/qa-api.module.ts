import { Module } from '@nestjs/common';
import { QaModule } from '@qatys/domain';
import { QuestionsController } from './questions.controller';

@Module({
  imports: [QaModule],
  controllers: [QuestionsController],
})
export class QaApiModule {}
