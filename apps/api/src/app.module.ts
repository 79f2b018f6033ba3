import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal/temporal.module';

/** The HTTP API: intake, case queues and actions, dashboards, health. */
@Module({
  imports: [ConfigModule, PersistenceModule, TemporalModule, AuthModule, AuditModule, ApplicationsModule, CasesModule, DashboardModule, HealthModule],
  providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
})
export class AppModule {}
