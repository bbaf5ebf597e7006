import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_STATUSES, SessionRemindersView } from '@qatys/domain';
import { TimeView, timeView } from '../common/time-view';

export class ReminderCountsResponse {
  @ApiProperty() planned!: number;
  @ApiProperty() sent!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() total!: number;
}

export class ReminderResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 1440 }) offsetMinutes!: number;
  @ApiProperty({ example: 1, description: 'the session version it was planned for' }) sessionVersion!: number;
  @ApiProperty({ type: TimeView, description: 'when it goes (or went) out, quiet hours applied' })
  dueAt!: TimeView;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'email: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25',
  })
  lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'email' }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt!: string | null;
}

export class AttendeeRemindersResponse {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: Number, nullable: true }) regionId!: number | null;
  @ApiProperty({ example: 'registered' }) registrationStatus!: string;
  @ApiProperty({ type: [ReminderResponse], description: 'newest version first, largest offset first' })
  reminders!: ReminderResponse[];
}

export class AttendeeRemindersPageResponse {
  @ApiProperty({ type: [AttendeeRemindersResponse] }) items!: AttendeeRemindersResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SessionRemindersResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ description: 'current version; older versions were rescheduled away' })
  sessionVersion!: number;
  @ApiProperty({
    type: ReminderCountsResponse,
    description: 'every reminder of the session you may see, by status',
  })
  counts!: ReminderCountsResponse;
  @ApiProperty({ type: AttendeeRemindersPageResponse }) attendees!: AttendeeRemindersPageResponse;

  static of(v: SessionRemindersView, readerZone: string): SessionRemindersResponse {
    return {
      sessionId: v.sessionId,
      sessionVersion: v.sessionVersion,
      counts: v.counts,
      attendees: {
        ...v.attendees,
        items: v.attendees.items.map((a) => ({
          ...a,
          reminders: a.reminders.map((r) => ({
            ...r,
            dueAt: timeView(r.dueAt, readerZone, v.timeZone),
            sentAt: r.sentAt ? r.sentAt.toISOString() : null,
          })),
        })),
      },
    };
  }
}
