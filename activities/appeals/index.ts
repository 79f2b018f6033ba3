export * from './appeal.activities';
