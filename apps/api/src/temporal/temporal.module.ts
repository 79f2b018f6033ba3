import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { createDataConverter } from '../../../../libs/codec/src';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { activeTracing } from '../../../../libs/observability/src';
import { RetrySafeConnection } from './retry-safe-connection';

/** Injection token for the Temporal client. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: RetrySafeConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * The Temporal client. The connection is lazy so the API boots (and /health reports it) while Temporal is down.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => RetrySafeConnection.lazy({ address: config.temporal.address }),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, APP_CONFIG],
      useFactory: ({ connection }: RetrySafeConnection, config: AppConfig) =>
        new Client({
          connection,
          namespace: config.temporal.namespace,
          dataConverter: createDataConverter(config.codec.keyring),
          // Carries the HTTP request's trace into the workflow, only when tracing is on: the interceptor writes its
          // header into every start and update as plain JSON, and the history should hold ciphertext only.
          ...(activeTracing()
            ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } }
            : {}),
        }),
    },
    TemporalConnectionCloser,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule {}
