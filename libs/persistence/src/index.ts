export * from './entities';
export * from './data-source';
export * from './case-store';
export * from './clearance-store';
export * from './invitation-store';
export * from './migrate';
export * from './notification-store';
export * from './persistence.module';
