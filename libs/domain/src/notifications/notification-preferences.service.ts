import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalid } from '../shared/domain.errors';
import { NOTIFICATION_CHANNELS, NotificationChannel, NotificationPreference } from './notification.entity';

/** A person's channel for reminders and notices; e-mail unless they chose otherwise. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(userId: string): Promise<{ channel: NotificationChannel }> {
    const row = await this.ds.getRepository(NotificationPreference).findOneBy({ userId });
    return { channel: row?.channel ?? 'email' };
  }

  async set(userId: string, channel: NotificationChannel): Promise<{ channel: NotificationChannel }> {
    if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(channel)) {
      throw invalid('invalid_channel', `channel must be one of ${NOTIFICATION_CHANNELS.join(', ')}`);
    }
    await this.ds.query(
      `INSERT INTO notification_preferences (user_id, channel) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET channel = EXCLUDED.channel, updated_at = now()`,
      [userId, channel],
    );
    return { channel };
  }
}
