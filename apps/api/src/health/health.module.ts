import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** GET /health, /health/live, /health/ready. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
