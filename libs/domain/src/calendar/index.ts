export * from './ics.serializer';
export * from './calendar-event.policy';
export * from './calendar.service';
export * from './calendar.module';
