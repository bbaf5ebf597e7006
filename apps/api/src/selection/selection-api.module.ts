import { Module } from '@nestjs/common';
import { SelectionModule } from '@qatys/domain';
import { ApplicationsController } from './applications.controller';
import { CallsController } from './calls.controller';
import { ReviewsController } from './reviews.controller';
import { SelectionController } from './selection.controller';

@Module({
  imports: [SelectionModule],
  controllers: [CallsController, ApplicationsController, ReviewsController, SelectionController],
})
export class SelectionApiModule {}
