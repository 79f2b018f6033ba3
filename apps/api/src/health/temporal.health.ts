import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

/** Temporal is healthy when the frontend answers a cheap call within two seconds. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'temporal'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await this.client.withDeadline(Date.now() + 2000, () => this.client.workflowService.getSystemInfo({}));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
