export * from './provider-adapter';
export * from './simulated-provider';
export * from './http-provider';
export * from './provider-registry';
export * from './record-check.store';
export * from './record-check.activities';
