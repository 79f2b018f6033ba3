import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/src';
import { APP_CONFIG } from '../../config/src/config.module';
import { dataSourceOptions } from './data-source';
import { ENTITIES } from './entities';
import { FieldCipher } from './field-cipher';
import { CaseReadModel, DashboardReadModel, MonitoringReadModel } from './read-model';
import { StaffDirectoryStore } from './staff-directory-store';

const READ_MODELS = [DashboardReadModel, MonitoringReadModel, StaffDirectoryStore].map((readModel) => ({
  provide: readModel,
  inject: [DataSource],
  useFactory: (db: DataSource) => new readModel(db),
}));

/** Seals and opens personal fields with DATA_KEYS (docs/encryption.md). */
const FIELD_CIPHER = {
  provide: FieldCipher,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new FieldCipher(config.data.keyring),
};

const CASE_READ_MODEL = {
  provide: CaseReadModel,
  inject: [DataSource, FieldCipher],
  useFactory: (db: DataSource, cipher: FieldCipher) => new CaseReadModel(db, cipher),
};

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
  providers: [...READ_MODELS, FIELD_CIPHER, CASE_READ_MODEL],
  exports: [
    TypeOrmModule,
    FieldCipher,
    CaseReadModel,
    DashboardReadModel,
    MonitoringReadModel,
    StaffDirectoryStore,
  ],
})
export class PersistenceModule {}
