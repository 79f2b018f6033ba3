export * from './appeal-model';
export * from './appeal-rules';
export * from './clearance-reinstatement';
export * from './appeal-reminders';
export * from './secretary-candidates';
