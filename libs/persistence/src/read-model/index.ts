export * from './case-read-model';
export * from './dashboard-read-model';
export * from './monitoring-read-model';
export * from './sla-rule';
