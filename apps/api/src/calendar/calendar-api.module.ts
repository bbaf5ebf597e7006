import { Module } from '@nestjs/common';
import { CalendarModule } from '@qatys/domain';
import { CalendarController } from './calendar.controller';
import { OptionalActorGuard } from './optional-actor.guard';

@Module({
  imports: [CalendarModule],
  controllers: [CalendarController],
  providers: [OptionalActorGuard],
})
export class CalendarApiModule {}
