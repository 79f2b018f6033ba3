import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { EqualOpportunityQueryDto, EqualOpportunityView } from './dto/equal-opportunity.dto';
import { MonitoringAnswersDto } from './dto/monitoring-answers.dto';
import { MonitoringService } from './monitoring.service';
import { caseIdPipe } from '../common/case-id.pipe';
import { ApiStandardResponses } from '../common/api-responses.decorator';

const uuid = caseIdPipe;

/**
 * Equal-opportunity monitoring: the applicant answers, HR sees suppressed aggregates. No route returns an
 * individual's answers, to anyone.
 */
@ApiStandardResponses()
@ApiTags('equal-opportunity monitoring')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller()
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Put('cases/:id/monitoring')
  @Allow('APPLICANT')
  @Audited('MONITORING_ANSWER')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Give (or replace) your voluntary equal-opportunity answers for your application',
  })
  @ApiNoContentResponse({ description: 'Recorded' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case among yours' })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() answers: MonitoringAnswersDto,
  ): Promise<void> {
    await this.monitoring.submit(principal, id, answers);
  }

  @Get('dashboard/equal-opportunity')
  @Allow('HR_ANALYST', 'ADMIN')
  @Audited('EQUAL_OPPORTUNITY_READ')
  @ApiOperation({
    summary: 'Recruitment funnel, success and declaration rates by group, small numbers suppressed',
  })
  @ApiOkResponse({ type: EqualOpportunityView })
  report(@Query() query: EqualOpportunityQueryDto): Promise<EqualOpportunityView> {
    return this.monitoring.report(query.category);
  }
}
