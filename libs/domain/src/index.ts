export * from './stage-model';
export * from './case-commands';
export * from './case-rules';
export * from './eligibility';
export * from './domain-error';
export * from './roles';
export * from './access';
