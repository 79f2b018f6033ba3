import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseEnumPipe,
  PipeTransform,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  DomainError,
  OPEN_STAGES,
  OpenStage,
  Principal,
  reviewDueDateProblem,
  baselinePolicyOf,
  validateBaselineDeclaration,
} from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, AllowAction, CurrentPrincipal } from '../auth/auth.decorators';
import { UpdateActionDocs } from '../common/update-action-docs.decorator';
import { ErrorResponse } from '../common/error-response';
import { ukToday } from '../common/uk-today';
import { ActionResult, CaseCommandsService, CommandRequest } from './case-commands.service';
import { CasesService } from './cases.service';
import {
  AcceptQuestionnaireDto,
  AssignOfficerDto,
  CompleteStageDto,
  CloseTaskDto,
  DecideResidencyExceptionDto,
  ExtendDeadlineDto,
  OpenTaskDto,
  PauseClockDto,
  ResumeClockDto,
  RecordDecisionDto,
  RecordRecommendationDto,
  ReturnQuestionnaireDto,
  ReturnToInvestigationDto,
  SubstituteRefereeDto,
  UpdateTaskDto,
  WaiveTaskDto,
  WithdrawDto,
  DeclineSponsorshipDto,
} from './dto/case-actions.dto';
import {
  ACTION_RESULT,
  ApplicantCaseView,
  BaselineDeclarationView,
  BaselineDraftView,
  CaseDetailView,
  CaseListView,
  CaseSnapshotView,
  SponsorCaseView,
} from './dto/case.views';
import { ListCasesQueryDto } from './dto/list-cases-query.dto';
import { BaselineDeclarationDto, RecordBaselineOutcomeDto } from './dto/baseline.dto';
import { caseIdPipe } from '../common/case-id.pipe';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { draftVersionFromIfMatch } from '../common/if-match';

const uuid = caseIdPipe;

const openStage = new ParseEnumPipe(Object.fromEntries(OPEN_STAGES.map((s) => [s, s])), {
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', `stage must be one of ${OPEN_STAGES.join(', ')}`, {
      fields: [{ field: 'stage', problems: ['unknown stage'] }],
    }),
});

/** Task ids are short workflow-assigned keys like T3. */
class TaskIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^T[0-9]{1,6}$/.test(value)) {
      throw new DomainError('VALIDATION_FAILED', 'taskId must look like T1', {
        fields: [{ field: 'taskId', problems: ['must look like T1'] }],
      });
    }
    return value;
  }
}
const taskId = new TaskIdPipe();

/** Case queues, one case as the caller may see it, and the actions that move a case. */
@ApiStandardResponses()
@ApiTags('cases')
@ApiExtraModels(CaseDetailView, CaseSnapshotView, SponsorCaseView, ApplicantCaseView)
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown case, or one you may not see' })
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly commands: CaseCommandsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Allow('VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN')
  @Audited('CASE_LIST')
  @ApiOperation({
    summary: 'Your queues (assigned, team, awaiting decision), filtered, oldest first by default',
  })
  @ApiOkResponse({ type: CaseListView })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCasesQueryDto): Promise<CaseListView> {
    return this.cases.list(principal, query);
  }

  @Get(':id')
  @Allow('VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN', 'SPONSOR', 'APPLICANT')
  @Audited('CASE_READ')
  @ApiOperation({
    summary:
      'One case: full detail for its officers, stage and dates for its sponsor, coarse status for its applicant',
  })
  @ApiHeader({
    name: 'X-Access-Reason',
    required: false,
    description: 'Required when reading outside your own queue',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [CaseDetailView, SponsorCaseView, ApplicantCaseView].map((m) => ({ $ref: getSchemaPath(m) })),
    },
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Headers('X-Access-Reason') reason?: string,
  ): Promise<CaseDetailView | SponsorCaseView | ApplicantCaseView> {
    return this.cases.getFor(principal, id, reason);
  }

  @Post(':id/assignment')
  @Audited('CASE_ACTION:ASSIGN_OFFICER')
  @AllowAction('ASSIGN_OFFICER')
  @ActionDocs('Assign or reassign the vetting officer')
  assign(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AssignOfficerDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'ASSIGN_OFFICER', ...dto }, h);
  }

  @Post(':id/residency-exception/decision')
  @Audited('CASE_ACTION:DECIDE_RESIDENCY_EXCEPTION')
  @AllowAction('DECIDE_RESIDENCY_EXCEPTION')
  @ActionDocs('Allow or decline a residency exception')
  decideResidencyException(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: DecideResidencyExceptionDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'DECIDE_RESIDENCY_EXCEPTION', ...dto }, h);
  }

  @Post(':id/questionnaire/acceptance')
  @Audited('CASE_ACTION:ACCEPT_QUESTIONNAIRE')
  @AllowAction('ACCEPT_QUESTIONNAIRE')
  @ActionDocs('Accept the security questionnaire')
  acceptQuestionnaire(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AcceptQuestionnaireDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'ACCEPT_QUESTIONNAIRE', ...dto }, h);
  }

  @Post(':id/questionnaire/return')
  @Audited('CASE_ACTION:RETURN_QUESTIONNAIRE')
  @AllowAction('RETURN_QUESTIONNAIRE')
  @ActionDocs('Return the questionnaire with items to fix')
  returnQuestionnaire(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ReturnQuestionnaireDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'RETURN_QUESTIONNAIRE', ...dto }, h);
  }

  @Get(':id/baseline/declaration')
  @Allow('APPLICANT')
  @Audited('BASELINE_DECLARATION_READ')
  @ApiOperation({
    summary:
      'Your own last baseline (BPSS) declaration as you sent it (null before the first), to correct after the officer asks for more; only the applicant of the case',
  })
  @ApiOkResponse({ type: BaselineDeclarationView })
  ownBaselineDeclaration(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
  ): Promise<BaselineDeclarationView> {
    return this.cases.ownBaselineDeclaration(principal, id);
  }

  @Get(':id/baseline/draft')
  @Allow('APPLICANT')
  @Audited('BASELINE_DRAFT_READ')
  @ApiOperation({
    summary:
      'Your baseline (BPSS) answers as you saved them to come back to (content null when nothing is saved); only the applicant of the case',
  })
  @ApiOkResponse({
    type: BaselineDraftView,
    description:
      'The ETag header holds the draft version ("0" when nothing is saved), to send back as If-Match',
  })
  async ownBaselineDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BaselineDraftView> {
    const draft = await this.cases.ownBaselineDraft(principal, id);
    // The version as a strong tag: Express would otherwise send a weak tag of the body, which If-Match refuses.
    res.setHeader('ETag', `"${draft.version}"`);
    return draft;
  }

  @Put(':id/baseline/draft')
  @HttpCode(204)
  @Allow('APPLICANT')
  @Audited('BASELINE_DRAFT_SAVE')
  @ApiOperation({
    summary:
      'Save your baseline (BPSS) answers so far, to come back to (replaces the saved ones; incomplete answers are fine, wrong shapes are not)',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The draft version you loaded (the ETag of GET …/baseline/draft, "0" when nothing was saved); the save is refused (409 STALE_STAGE) if the draft has changed since. Without it the save wins',
  })
  @ApiNoContentResponse({ description: 'Saved; the ETag header holds the new draft version' })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'A field of the wrong shape, named by its path; an If-Match that is not a draft version',
  })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      'STALE_STAGE: the draft changed since you loaded it; ILLEGAL_TRANSITION: the case is not waiting for your baseline answers',
  })
  async saveBaselineDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: BaselineDeclarationDto,
    @Headers('If-Match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    // JSON arrays parse as a body too; a draft is always an object.
    if (Array.isArray(dto)) {
      throw new DomainError('VALIDATION_FAILED', 'the draft must be a JSON object', {
        fields: [{ field: 'body', problems: ['must be a JSON object'] }],
      });
    }
    const content = JSON.parse(JSON.stringify(dto)) as Record<string, unknown>;
    const version = await this.cases.saveBaselineDraft(
      principal,
      id,
      content,
      draftVersionFromIfMatch(ifMatch),
    );
    res.setHeader('ETag', `"${version}"`);
  }

  @Post(':id/baseline/submission')
  @Audited('CASE_ACTION:SUBMIT_BASELINE')
  @AllowAction('SUBMIT_BASELINE')
  @ActionDocs(
    'Submit your baseline (BPSS) declaration: identity, right to work, employment, convictions, time abroad',
  )
  async submitBaseline(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: BaselineDeclarationDto,
    @Headers() h: ActionHeaders,
  ) {
    // Every problem by path, before the workflow is asked (which decides only whether the case can take it now),
    // under the figures the case started with: a BPSS_* change applies to cases opened after it.
    const snapshot = await this.cases.findSnapshot(id);
    const problems = validateBaselineDeclaration(dto, ukToday(), baselinePolicyOf(snapshot?.baseline));
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `the declaration is not complete: ${problems.length} problem(s), e.g. ${problems[0]?.path}: ${problems[0]?.message}`,
        { fields: problems.map((problem) => ({ field: problem.path, problems: [problem.message] })) },
      );
    }
    // A plain copy: the DTO instance is a class, and the workflow's payload is plain JSON.
    const declaration = JSON.parse(JSON.stringify(dto)) as Record<string, unknown>;
    const result = await this.run(p, id, { type: 'SUBMIT_BASELINE', declaration }, h);
    // Sent: the answers saved to come back to are done with (the declaration is kept in the case history).
    await this.cases.forgetBaselineDraft(id);
    return result;
  }

  @Post(':id/baseline/outcome')
  @Audited('CASE_ACTION:RECORD_BASELINE_OUTCOME')
  @AllowAction('RECORD_BASELINE_OUTCOME')
  @ActionDocs('Record the baseline (BPSS) outcome: PASS, FAIL, or NEEDS_INFORMATION with what is missing')
  recordBaselineOutcome(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RecordBaselineOutcomeDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'RECORD_BASELINE_OUTCOME', ...dto }, h);
  }

  @Post(':id/stages/:stage/completion')
  @Audited('CASE_ACTION:COMPLETE_STAGE')
  @AllowAction('COMPLETE_STAGE')
  @ActionDocs('Complete the current stage (record checks or investigation) with an outcome')
  completeStage(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('stage', openStage) stage: OpenStage,
    @Body() dto: CompleteStageDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'COMPLETE_STAGE', stage, ...dto }, h);
  }

  @Post(':id/tasks')
  @Audited('CASE_ACTION:OPEN_TASK')
  @AllowAction('OPEN_TASK')
  @ActionDocs(
    'Open an investigation task: referee enquiry, interview, further enquiry or medical input (with consent)',
  )
  openTask(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: OpenTaskDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'OPEN_TASK', ...dto }, h);
  }

  @Post(':id/tasks/:taskId/progress')
  @Audited('CASE_ACTION:UPDATE_TASK')
  @AllowAction('UPDATE_TASK')
  @ActionDocs('Record progress on a task: contacted, interview scheduled or rescheduled, adjustments')
  updateTask(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('taskId', taskId) task: string,
    @Body() dto: UpdateTaskDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'UPDATE_TASK', taskId: task, ...dto }, h);
  }

  @Post(':id/tasks/:taskId/closure')
  @Audited('CASE_ACTION:CLOSE_TASK')
  @AllowAction('CLOSE_TASK')
  @ActionDocs('Close a task with its outcome')
  closeTask(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('taskId', taskId) task: string,
    @Body() dto: CloseTaskDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'CLOSE_TASK', taskId: task, ...dto }, h);
  }

  @Post(':id/tasks/:taskId/waiver')
  @Audited('CASE_ACTION:WAIVE_TASK')
  @AllowAction('WAIVE_TASK')
  @ActionDocs('Waive a task that is not needed, with the reason')
  waiveTask(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('taskId', taskId) task: string,
    @Body() dto: WaiveTaskDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'WAIVE_TASK', taskId: task, ...dto }, h);
  }

  @Post(':id/tasks/:taskId/substitution')
  @Audited('CASE_ACTION:SUBSTITUTE_REFEREE')
  @AllowAction('SUBSTITUTE_REFEREE')
  @ActionDocs('Replace a referee with another')
  substituteReferee(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('taskId', taskId) task: string,
    @Body() dto: SubstituteRefereeDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'SUBSTITUTE_REFEREE', taskId: task, ...dto }, h);
  }

  @Post(':id/recommendation/return')
  @Audited('CASE_ACTION:RETURN_TO_INVESTIGATION')
  @AllowAction('RETURN_TO_INVESTIGATION')
  @ActionDocs(
    'Send the recommendation back to investigation, with reasons (an adjudicator who did not investigate)',
  )
  returnToInvestigation(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ReturnToInvestigationDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'RETURN_TO_INVESTIGATION', ...dto }, h);
  }

  @Post(':id/clock/pause')
  @Audited('CASE_ACTION:PAUSE_CLOCK')
  @AllowAction('PAUSE_CLOCK')
  @ActionDocs('Pause the vetting-owned clock while waiting on the applicant or a third party')
  pauseClock(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PauseClockDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'PAUSE_CLOCK', ...dto }, h);
  }

  @Post(':id/clock/resume')
  @Audited('CASE_ACTION:RESUME_CLOCK')
  @AllowAction('RESUME_CLOCK')
  @ActionDocs('Resume the clock; the stage deadline moves later by the time it was paused')
  resumeClock(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ResumeClockDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'RESUME_CLOCK', ...dto }, h);
  }

  @Post(':id/deadline/extension')
  @Audited('CASE_ACTION:EXTEND_DEADLINE')
  @AllowAction('EXTEND_DEADLINE')
  @ActionDocs("Extend the current stage's deadline, with a reason")
  extendDeadline(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ExtendDeadlineDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'EXTEND_DEADLINE', ...dto }, h);
  }

  @Post(':id/recommendation')
  @Audited('CASE_ACTION:RECORD_RECOMMENDATION')
  @AllowAction('RECORD_RECOMMENDATION')
  @ActionDocs("Record the investigating officer's recommendation")
  recommend(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RecordRecommendationDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'RECORD_RECOMMENDATION', ...dto }, h);
  }

  @Post(':id/decision')
  @Audited('CASE_ACTION:RECORD_DECISION')
  @AllowAction('RECORD_DECISION')
  @ActionDocs('Record the decision (a senior adjudicator who did not investigate)')
  decide(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RecordDecisionDto,
    @Headers() h: ActionHeaders,
  ) {
    // Policy bounds the date (libs/domain); the case workflow checks it again against the case's own policy.
    const problem =
      dto.reviewDueDate === undefined
        ? null
        : reviewDueDateProblem(dto.reviewDueDate, ukToday(), this.config.dv.clearanceReviewYears);
    if (problem) {
      throw new DomainError('VALIDATION_FAILED', `invalid request: reviewDueDate: ${problem}`, {
        fields: [{ field: 'reviewDueDate', problems: [problem] }],
      });
    }
    return this.run(p, id, { type: 'RECORD_DECISION', ...dto }, h);
  }

  @Post(':id/withdrawal')
  @Audited('CASE_ACTION:WITHDRAW')
  @AllowAction('WITHDRAW')
  @ActionDocs('Withdraw the application (its applicant or sponsor)')
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: WithdrawDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'WITHDRAW', ...dto }, h);
  }

  @Post(':id/sponsorship-confirmation')
  @Audited('CASE_ACTION:CONFIRM_SPONSORSHIP')
  @AllowAction('CONFIRM_SPONSORSHIP')
  @ActionDocs('Confirm, as the sponsor a held application names, that the post needs DV; vetting starts')
  confirmSponsorship(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'CONFIRM_SPONSORSHIP' }, h);
  }

  @Post(':id/sponsorship-decline')
  @Audited('CASE_ACTION:DECLINE_SPONSORSHIP')
  @AllowAction('DECLINE_SPONSORSHIP')
  @ActionDocs('Decline, as the sponsor a held application names, with a reason; the case closes')
  declineSponsorship(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: DeclineSponsorshipDto,
    @Headers() h: ActionHeaders,
  ) {
    return this.run(p, id, { type: 'DECLINE_SPONSORSHIP', ...dto }, h);
  }

  private run(
    principal: Principal,
    id: string,
    request: CommandRequest,
    headers: ActionHeaders,
  ): Promise<ActionResult> {
    return this.commands.executeAs(
      principal,
      id,
      request,
      headers['idempotency-key'],
      headers['x-access-reason'],
    );
  }
}

/** Headers every action reads. */
interface ActionHeaders {
  'idempotency-key'?: string;
  'x-access-reason'?: string;
}

/** Shared OpenAPI description of an action endpoint. */
function ActionDocs(summary: string): MethodDecorator {
  return UpdateActionDocs(summary, {
    result: 'The case after the action, as you may see it',
    schema: ACTION_RESULT,
    conflict: 'Not allowed now: says the stage and what is allowed',
  });
}
