import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { DashboardService } from './dashboard.service';
import { DashboardSummaryView } from './dashboard.views';
import { ApiStandardResponses } from '../common/api-responses.decorator';

/** HR dashboard figures. */
@ApiStandardResponses()
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @Allow('HR_ANALYST', 'TEAM_LEAD', 'ADMIN')
  @Audited('DASHBOARD_READ')
  @ApiOperation({
    summary:
      "Open cases per stage, median days in stage, outcomes; a team lead's cover their team, HR sees aggregates only",
  })
  @ApiOkResponse({ type: DashboardSummaryView })
  summary(@CurrentPrincipal() principal: Principal): Promise<DashboardSummaryView> {
    return this.dashboard.summary(principal);
  }
}
