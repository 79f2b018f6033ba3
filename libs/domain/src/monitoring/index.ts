export * from './monitoring-categories';
export * from './suppression-policy';
export * from './suppress-table';
export * from './equal-opportunity-report';
export * from './published-figures';
