export * from './question.entity';
export * from './question.policy';
export * from './text.policy';
export * from './questions.service';
export * from './live-rate-limiter';
export * from './live-qa.service';
export * from './qa.module';
export * from './moderation-backlog.queries';
