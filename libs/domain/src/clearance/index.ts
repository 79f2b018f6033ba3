export * from './clearance-model';
export * from './clearance-rules';
export * from './clearance-dates';
export * from './clearance-state';
export * from './review-due-date';
export * from './aftercare-figures';
export * from './adjudication-queue';
export * from './change-checks';
