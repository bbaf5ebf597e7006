export * from './data-source-options';
export * from './migrate';
export * from './transaction';
export * from './redis';
export * from './health';
export * from './prepared';
export * from './pg-listener';
export * from './entity-reader';
