export * from './registration.entity';
export * from './registration.policy';
export * from './roster-csv.policy';
export * from './registrations.service';
export * from './rosters.service';
export * from './program-enrollments.service';
export * from './registration.handlers';
export * from './registrations.module';
