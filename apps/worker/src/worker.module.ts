import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src';
import { loadObservabilityConfig } from '../../../libs/observability/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { EmailDispatchService } from './email-dispatch.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { WORKER_OBSERVABILITY_CONFIG, WorkerHealthService } from './worker-health.service';

/**
 * The worker process: configuration, the database, the Temporal worker, the email outbox dispatcher, and its
 * health listener.
 */
@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [
    TemporalWorkerService,
    EmailDispatchService,
    { provide: WORKER_OBSERVABILITY_CONFIG, useFactory: () => loadObservabilityConfig('worker') },
    WorkerHealthService,
  ],
})
export class WorkerModule {}
