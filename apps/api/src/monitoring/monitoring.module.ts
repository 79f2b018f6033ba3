import { Module } from '@nestjs/common';
import {
  DEFAULT_SUPPRESSION_POLICY,
  SuppressionPolicy,
  validateSuppressionPolicy,
} from '../../../../libs/domain/src';
import { CasesModule } from '../cases/cases.module';
import { MonitoringController } from './monitoring.controller';
import { MonitoringService, SUPPRESSION_POLICY } from './monitoring.service';

/** Checks the policy once at start-up, so a bad k stops the API instead of failing each dashboard request. */
export function checkedSuppressionPolicy(policy: SuppressionPolicy): SuppressionPolicy {
  const problems = validateSuppressionPolicy(policy);
  if (problems.length > 0) throw new Error(`invalid suppression policy: ${problems.join('; ')}`);
  return policy;
}

/** Voluntary equal-opportunity answers and HR's suppressed aggregates of them. */
@Module({
  imports: [CasesModule],
  controllers: [MonitoringController],
  providers: [
    MonitoringService,
    { provide: SUPPRESSION_POLICY, useFactory: () => checkedSuppressionPolicy(DEFAULT_SUPPRESSION_POLICY) },
  ],
})
export class MonitoringModule {}
