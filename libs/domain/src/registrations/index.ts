export * from './registration.entity';
export * from './registration.policy';
export * from './roster-csv.policy';
export * from './registrations.service';
export * from './rosters.service';
export * from './session-scheduling.service';
export * from './registrations.module';
