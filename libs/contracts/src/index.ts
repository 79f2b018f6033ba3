export * from './case.types';
export * from './case.messages';
export * from './workflow-ids';
