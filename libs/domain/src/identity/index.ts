export * from './user.entity';
export * from './region.entity';
export * from './password';
export * from './identity.service';
export * from './identity.module';
