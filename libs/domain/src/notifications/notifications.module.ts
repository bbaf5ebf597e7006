import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../identity/user.entity';
import {
  Notification,
  NotificationDelivery,
  NotificationPreference,
  WebhookEndpoint,
} from './notification.entity';
import { NotificationPreferencesService } from './notification-preferences.service';
import { SessionRemindersService } from './session-reminders.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

const SERVICES = [WebhookEndpointsService, NotificationPreferencesService, SessionRemindersService];

/**
 * Notifications: reminders and notices (planned by the outbox handlers in notification.handlers.ts),
 * the delivery ledger, webhook endpoints, preferences. The delivery
 * service itself needs transports, so the app that sends (the worker) provides it together with
 * DELIVERY_CHANNELS and DELIVERY_SETTINGS.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Notification,
      NotificationDelivery,
      WebhookEndpoint,
      NotificationPreference,
      User,
    ]),
  ],
  providers: SERVICES,
  exports: [TypeOrmModule, ...SERVICES],
})
export class NotificationsModule {}
