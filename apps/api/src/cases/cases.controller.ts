import { Body, Controller, Get, Headers, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CaseSnapshot } from '../../../../libs/contracts/src';
import { CaseCommand, DomainError, OPEN_STAGES, OpenStage } from '../../../../libs/domain/src';
import { ErrorResponse } from '../common/error-response';
import { CaseCommandsService } from './case-commands.service';
import { CasesService } from './cases.service';
import {
  AcceptQuestionnaireDto,
  AssignOfficerDto,
  CompleteStageDto,
  DecideResidencyExceptionDto,
  RecordDecisionDto,
  RecordRecommendationDto,
  ReturnQuestionnaireDto,
  WithdrawDto,
} from './dto/case-actions.dto';
import { CaseDetailView, CaseListView } from './dto/case.views';
import { ListCasesQueryDto } from './dto/list-cases-query.dto';

const uuid = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => new DomainError('VALIDATION_FAILED', 'case id must be a UUID', { fields: [{ field: 'id', problems: ['must be a UUID'] }] }),
});

/** Case queues, one case with its history, and the officer actions that move a case. */
@ApiTags('cases')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown case' })
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly commands: CaseCommandsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List cases with filters, oldest first by default' })
  @ApiOkResponse({ type: CaseListView })
  list(@Query() query: ListCasesQueryDto): Promise<CaseListView> {
    return this.cases.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case: state, eligibility, allowed actions and full history' })
  @ApiOkResponse({ type: CaseDetailView })
  get(@Param('id', uuid) id: string): Promise<CaseDetailView> {
    return this.cases.get(id);
  }

  @Post(':id/assignment')
  @ActionDocs('Assign or reassign the vetting officer')
  assign(@Param('id', uuid) id: string, @Body() dto: AssignOfficerDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'ASSIGN_OFFICER', ...dto }, key);
  }

  @Post(':id/residency-exception/decision')
  @ActionDocs('Allow or decline a residency exception')
  decideResidencyException(@Param('id', uuid) id: string, @Body() dto: DecideResidencyExceptionDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'DECIDE_RESIDENCY_EXCEPTION', ...dto }, key);
  }

  @Post(':id/questionnaire/acceptance')
  @ActionDocs('Accept the security questionnaire')
  acceptQuestionnaire(@Param('id', uuid) id: string, @Body() dto: AcceptQuestionnaireDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'ACCEPT_QUESTIONNAIRE', ...dto }, key);
  }

  @Post(':id/questionnaire/return')
  @ActionDocs('Return the questionnaire with items to fix')
  returnQuestionnaire(@Param('id', uuid) id: string, @Body() dto: ReturnQuestionnaireDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'RETURN_QUESTIONNAIRE', ...dto }, key);
  }

  @Post(':id/stages/:stage/completion')
  @ActionDocs('Complete the current stage (record checks or investigation) with an outcome')
  completeStage(
    @Param('id', uuid) id: string,
    @Param('stage', new ParseEnumPipe(Object.fromEntries(OPEN_STAGES.map((s) => [s, s])), {
      exceptionFactory: () => new DomainError('VALIDATION_FAILED', `stage must be one of ${OPEN_STAGES.join(', ')}`, { fields: [{ field: 'stage', problems: ['unknown stage'] }] }),
    }))
    stage: OpenStage,
    @Body() dto: CompleteStageDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.run(id, { type: 'COMPLETE_STAGE', stage, ...dto }, key);
  }

  @Post(':id/recommendation')
  @ActionDocs('Record the investigating officer\'s recommendation')
  recommend(@Param('id', uuid) id: string, @Body() dto: RecordRecommendationDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'RECORD_RECOMMENDATION', ...dto }, key);
  }

  @Post(':id/decision')
  @ActionDocs('Record the decision (a senior adjudicator who did not investigate)')
  decide(@Param('id', uuid) id: string, @Body() dto: RecordDecisionDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'RECORD_DECISION', ...dto }, key);
  }

  @Post(':id/withdrawal')
  @ActionDocs('Withdraw the application')
  withdraw(@Param('id', uuid) id: string, @Body() dto: WithdrawDto, @Headers('idempotency-key') key?: string) {
    return this.run(id, { type: 'WITHDRAW', ...dto }, key);
  }

  private run(id: string, command: CaseCommand, key: string | undefined): Promise<CaseSnapshot> {
    return this.commands.execute(id, command, key);
  }
}

/** Shared OpenAPI description of an action endpoint. */
function ActionDocs(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    HttpCode(200)(target, key, descriptor);
    ApiOperation({ summary })(target, key, descriptor);
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried action apply once' })(target, key, descriptor);
    ApiOkResponse({ description: 'The case after the action' })(target, key, descriptor);
    ApiConflictResponse({ type: ErrorResponse, description: 'The action is not allowed now; says the stage and what is allowed' })(target, key, descriptor);
    ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'No worker answered in time' })(target, key, descriptor);
  };
}
