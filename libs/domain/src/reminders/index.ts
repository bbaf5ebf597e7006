export * from './reminder-plan.policy';
export * from './reminder-planner';
export * from './session-reminders.service';
export * from './reminders.module';
