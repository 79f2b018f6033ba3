import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/src';
import { APP_CONFIG } from '../../config/src/config.module';
import { dataSourceOptions } from './data-source';
import { ENTITIES } from './entities';

/** The PostgreSQL connection and entity repositories (global: every feature module reads the same store). The schema comes from migrations, never from sync. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 3 }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  exports: [TypeOrmModule],
})
export class PersistenceModule {}
