import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig, ConfigModule } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ClearancesModule } from './clearances/clearances.module';
import { AppealsModule } from './appeals/appeals.module';
import { CodecModule } from './codec/codec.module';
import { DomainErrorFilter } from './common/domain-error.filter';
import { JsonBodyInterceptor } from './common/json-body.interceptor';
import { SafeTextInterceptor } from './common/safe-text.interceptor';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { ObservabilityModule } from './observability/observability.module';
import { ProvidersModule } from './providers/providers.module';
import { QuestionnaireModule } from './questionnaire/questionnaire.module';
import { RefusedWritesModule } from './refused-writes/refused-writes.module';
import { StaffModule } from './staff/staff.module';
import { TemporalModule } from './temporal/temporal.module';

/** The HTTP API: intake, case queues and actions, dashboards, health. */
@Module({
  imports: [
    ConfigModule,
    ObservabilityModule,
    // Per client address; a token holder hammering the API is slowed before auth or the database is touched.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.http.rateLimitPerMinute }],
    }),
    PersistenceModule,
    TemporalModule,
    AuthModule,
    AuditModule,
    ApplicationsModule,
    CasesModule,
    ClearancesModule,
    AppealsModule,
    DashboardModule,
    MonitoringModule,
    QuestionnaireModule,
    RefusedWritesModule,
    ProvidersModule,
    HealthModule,
    CodecModule,
    InboxModule,
    InvitationsModule,
    StaffModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    // In this order, before any route's own interceptors and pipes: a body that is not JSON (415), then hostile
    // text anywhere in the request (400).
    { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: SafeTextInterceptor },
  ],
})
export class AppModule {}
