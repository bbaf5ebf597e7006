export * from './program.entity';
export * from './session.entity';
export * from './speaker.entity';
export * from './catalog.module';
