import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthReport } from '../../../../libs/observability/src';
import { aliveReport, checkDependencies } from '../../../../libs/observability/src';
import { Public } from '../auth/auth.decorators';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { HealthReportDto } from './health-report.dto';

/** How long one dependency may take to answer before it counts as down. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Liveness (`/health/live`: the process serves requests) and readiness (`/health/ready`, and `/health` for
 * existing probes: PostgreSQL and Temporal answer). A 503 names each dependency that is down.
 */
@ApiStandardResponses()
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Temporal reachable (same as /health/ready)' })
  @ApiResponse({ status: 200, description: 'ready', type: HealthReportDto })
  @ApiResponse({
    status: 503,
    description: 'not ready; `error` names each dependency that is down',
    type: HealthReportDto,
  })
  check(@Res() res: Response): Promise<void> {
    return this.ready(res);
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Temporal reachable; 503 names what is down' })
  @ApiResponse({ status: 200, description: 'ready', type: HealthReportDto })
  @ApiResponse({
    status: 503,
    description: 'not ready; `error` names each dependency that is down',
    type: HealthReportDto,
  })
  async ready(@Res() res: Response): Promise<void> {
    const report = await checkDependencies(
      [
        { name: 'database', probe: async () => void (await this.dataSource.query('SELECT 1')) },
        {
          name: 'temporal',
          probe: async () =>
            void (await this.temporal.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
              this.temporal.workflowService.getSystemInfo({}),
            )),
        },
      ],
      PROBE_TIMEOUT_MS,
      ({ name, reason, error }) =>
        this.logger.warn({
          message: 'dependency down',
          dependency: name,
          reason,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    send(res, report);
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers; never consults dependencies' })
  @ApiResponse({ status: 200, description: 'alive', type: HealthReportDto })
  live(@Res() res: Response): void {
    send(res, aliveReport());
  }
}

// Written directly: the error filter would turn a 503 into its generic shape and lose which dependency is down.
function send(res: Response, report: HealthReport): void {
  if (report.status !== 'ok') res.setHeader('Retry-After', '5');
  res
    .status(report.status === 'ok' ? 200 : 503)
    .setHeader('Cache-Control', 'no-store')
    .json(report);
}
