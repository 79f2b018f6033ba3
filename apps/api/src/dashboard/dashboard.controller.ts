import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardService } from './dashboard.service';
import { DashboardSummaryView } from './dashboard.views';

/** HR dashboard figures. */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @ApiOperation({ summary: 'Open cases per stage, median days in stage, outcomes, oldest open case' })
  @ApiOkResponse({ type: DashboardSummaryView })
  summary(): Promise<DashboardSummaryView> {
    return this.dashboard.summary();
  }
}
