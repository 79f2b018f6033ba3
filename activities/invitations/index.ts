export * from './invitation.activities';
