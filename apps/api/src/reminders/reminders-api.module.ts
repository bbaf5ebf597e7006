import { Module } from '@nestjs/common';
import { IdentityModule, NotificationsModule } from '@qatys/domain';
import { NotificationSettingsController } from './notification-settings.controller';
import { QueueDashboard } from './queue-dashboard';
import { QueueDashboardController } from './queue-dashboard.controller';
import { SessionRemindersController } from './session-reminders.controller';
import { WebhooksController } from './webhooks.controller';

/** Reminders for organizers, webhook endpoints, a person's channel, and the queue dashboard. */
@Module({
  imports: [NotificationsModule, IdentityModule],
  controllers: [
    SessionRemindersController,
    WebhooksController,
    NotificationSettingsController,
    QueueDashboardController,
  ],
  providers: [QueueDashboard],
})
export class RemindersApiModule {}
