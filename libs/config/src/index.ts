export * from './app-config';
export * from './config-reference';
export * from './config.module';
export * from './logger';
export * from './process-entry';
export * from './web-app-config';
export * from './log-sanitiser';
export * from './repo-root';
