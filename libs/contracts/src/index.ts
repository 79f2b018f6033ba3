export * from './case.types';
export * from './case.messages';
export * from './workflow-ids';
export * from './record-check.types';
export * from './record-check.messages';
export * from './record-check.ids';
export * from './invitation';
