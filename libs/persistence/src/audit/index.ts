export * from './audit-chain';
export * from './audit-log-store';
