export * from './registration.entity';
export * from './registrations.module';
