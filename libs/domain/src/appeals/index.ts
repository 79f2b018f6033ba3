export * from './appeal-model';
export * from './appeal-rules';
export * from './clearance-reinstatement';
export * from './secretary-candidates';
