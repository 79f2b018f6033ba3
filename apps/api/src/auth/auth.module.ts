import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { StaffModule } from '../staff/staff.module';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier.service';

/** Bearer-token authentication and role checks for every route. */
@Module({
  imports: [AuditModule, StaffModule],
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
