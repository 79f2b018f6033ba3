export * from './clearance.activities';
