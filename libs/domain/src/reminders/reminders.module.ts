import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionRemindersService } from './session-reminders.service';

@Module({
  imports: [NotificationsModule],
  providers: [SessionRemindersService],
  exports: [NotificationsModule, SessionRemindersService],
})
export class RemindersModule {}
