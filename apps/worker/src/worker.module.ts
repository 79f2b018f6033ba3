import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker process: configuration, the database, and the Temporal worker. No HTTP server. */
@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [TemporalWorkerService],
})
export class WorkerModule {}
