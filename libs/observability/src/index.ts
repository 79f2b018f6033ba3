export * from './health-report';
export * from './http-listener';
export * from './observability-config';
export * from './redacting-span-exporter';
export * from './tracing';
export * from './worker-tracing';
