export * from './discretion';
export * from './notification-templates';
