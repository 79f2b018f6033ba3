export * from './check-types';
export * from './check-result';
