export * from './email-sender';
export * from './notification.activities';
