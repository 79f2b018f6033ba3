import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { DashboardService } from './dashboard.service';
import { DashboardSummaryView } from './dashboard.views';

/** HR dashboard figures. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @Allow('HR_ANALYST', 'TEAM_LEAD', 'ADMIN')
  @ApiOperation({ summary: 'Open cases per stage, median days in stage, outcomes, oldest open case' })
  @ApiOkResponse({ type: DashboardSummaryView })
  summary(): Promise<DashboardSummaryView> {
    return this.dashboard.summary();
  }
}
