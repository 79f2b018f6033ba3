export * from './email-sender';
export * from './notification.activities';
export * from './email-dispatcher';
