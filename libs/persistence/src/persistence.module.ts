import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/src';
import { APP_CONFIG } from '../../config/src/config.module';
import { dataSourceOptions } from './data-source';
import { ENTITIES } from './entities';
import { CaseReadModel, DashboardReadModel, MonitoringReadModel } from './read-model';
import { StaffDirectoryStore } from './staff-directory-store';

const READ_MODELS = [CaseReadModel, DashboardReadModel, MonitoringReadModel, StaffDirectoryStore].map(
  (readModel) => ({
    provide: readModel,
    inject: [DataSource],
    useFactory: (db: DataSource) => new readModel(db),
  }),
);

/**
 * The PostgreSQL connection, entity repositories and the read-model queries (global: every feature module reads
 * the same store). The schema comes from migrations, never from sync.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 3 }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: READ_MODELS,
  exports: [TypeOrmModule, CaseReadModel, DashboardReadModel, MonitoringReadModel, StaffDirectoryStore],
})
export class PersistenceModule {}
