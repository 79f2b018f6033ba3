export * from './aes-gcm.codec';
export * from './codec-keys';
export * from './data-converter';
