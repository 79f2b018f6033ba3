import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { ErrorResponse } from '../common/error-response';
import { UpdateActionDocs } from '../common/update-action-docs.decorator';
import { AppealPersonActor, AppealRequest, AppealsService } from './appeals.service';
import {
  AppealQueueQueryDto,
  ComplaintResponseDto,
  ExtensionDto,
  HearingOutcomeDto,
  LodgeAppealDto,
  NameSecretaryDto,
  RecommendationDto,
  StatementDto,
} from './dto/appeal.dto';
import {
  AppealEventListView,
  AppealListView,
  AppealQueueView,
  AppealStaffView,
  AppealView,
  SecretaryCandidateListView,
} from './dto/appeal.views';

const appealIdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'appeal id must be a UUID', {
      fields: [{ field: 'appealId', problems: ['must be a UUID'] }],
    }),
});

const VIEW = { oneOf: [AppealStaffView, AppealView].map((m) => ({ $ref: getSchemaPath(m) })) };

/**
 * Appeals and complaints (issue 12). Staff whose clearance is refused or withdrawn appeal: an internal hearing by
 * an adjudicator with no prior involvement, then, if still refused, the independent panel run by its secretary.
 * Recruits complain. Each action is an Update to the appeal's workflow, checked by the appeal rules.
 */
@ApiStandardResponses()
@ApiTags('appeals')
@ApiExtraModels(AppealView, AppealStaffView)
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown appeal, or one you may not see' })
@Controller('appeals')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post()
  @Allow('APPLICANT')
  @Audited('APPEAL_LODGE')
  @ApiOperation({
    summary:
      'Appeal a refusal or withdrawal of your clearance (staff), or complain about a refusal (a recruit, never cleared)',
  })
  @ApiCreatedResponse({ type: AppealView })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Not eligible (a recruit appealing, already made, not refused)',
  })
  lodge(
    @CurrentPrincipal() p: Principal,
    @Body() dto: LodgeAppealDto,
    @Req() req: Request,
  ): Promise<AppealView> {
    return this.appeals.lodge(p, dto, req);
  }

  @Get('mine')
  @Allow('APPLICANT')
  @Audited('APPEAL_LIST')
  @ApiOperation({ summary: 'Your appeals and complaints: coarse status and outcome in words' })
  @ApiOkResponse({ type: AppealListView })
  async mine(@CurrentPrincipal() p: Principal): Promise<AppealListView> {
    return { items: await this.appeals.mine(p) };
  }

  @Get()
  @Allow('SENIOR_ADJUDICATOR', 'PANEL_SECRETARY')
  @Audited('APPEAL_QUEUE')
  @ApiOperation({
    summary:
      "The staff's work list: open appeals and complaints, oldest first, paged (appeal officers and the panel secretary; never one you are the appellant or sponsor of); filtered by named secretary (me, none, a staff id), kind and status",
  })
  @ApiOkResponse({ type: AppealQueueView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A filter or page out of range, named' })
  queue(@CurrentPrincipal() p: Principal, @Query() query: AppealQueueQueryDto): Promise<AppealQueueView> {
    return this.appeals.queue(p, query);
  }

  @Get(':appealId')
  @Allow('APPLICANT', 'SENIOR_ADJUDICATOR', 'PANEL_SECRETARY')
  @Audited('APPEAL_READ')
  @ApiOperation({ summary: 'One appeal: coarse for the appellant; findings and the panel file for staff' })
  @ApiOkResponse({ schema: VIEW })
  read(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Req() req: Request,
  ): Promise<AppealView | AppealStaffView> {
    return this.appeals.read(p, id, req);
  }

  @Get(':appealId/events')
  @Allow('SENIOR_ADJUDICATOR', 'PANEL_SECRETARY')
  @Audited('APPEAL_EVENTS')
  @ApiOperation({
    summary:
      "An appeal's event history, oldest first (appeal officers and the panel secretary; not a party's own)",
  })
  @ApiOkResponse({ type: AppealEventListView })
  events(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Req() req: Request,
  ): Promise<AppealEventListView> {
    return this.appeals.events(p, id, req);
  }

  @Post(':appealId/hearing')
  @Allow('SENIOR_ADJUDICATOR')
  @Audited('APPEAL_ACTION:HEARING')
  @ActionDocs('Record the internal hearing: decision, process and disclosure reviewed; upheld or overturned')
  hearing(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Body() dto: HearingOutcomeDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    const { outcome, ...review } = dto;
    const type = outcome === 'UPHELD' ? 'UPHOLD' : 'OVERTURN';
    return this.run(p, id, 'APPEAL_OFFICER', { type, ...review }, key, req);
  }

  @Post(':appealId/panel-intent')
  @Allow('APPLICANT')
  @Audited('APPEAL_ACTION:REGISTER_INTENT')
  @ActionDocs('Register intent to go to the independent panel (the appellant, within the window)')
  registerIntent(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, 'APPELLANT', { type: 'REGISTER_INTENT' }, key, req);
  }

  @Post(':appealId/acknowledgement')
  @Allow('PANEL_SECRETARY')
  @Audited('APPEAL_ACTION:ACKNOWLEDGE')
  @ActionDocs('Acknowledge a registration of intent (the panel secretary); statements of case fall due')
  acknowledge(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, 'PANEL_SECRETARY', { type: 'ACKNOWLEDGE' }, key, req);
  }

  @Post(':appealId/secretary')
  @Allow('PANEL_SECRETARY')
  @Audited('APPEAL_ACTION:NAME_SECRETARY')
  @ActionDocs(
    "Name the appeal's panel secretary (a panel secretary: yourself, or another secretary taking it over), who is reminded by notice when the acknowledgement or a statement of case is overdue; never a party or anyone who took part in the case or the clearance (409)",
  )
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'INVALID_COMMAND: secretaryId is not a panel secretary in the staff directory',
  })
  nameSecretary(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Body() dto: NameSecretaryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.appeals.nameSecretary(p, id, dto.secretaryId ?? p.subject, { requestId: key, audit: req });
  }

  @Get(':appealId/secretary-candidates')
  @Allow('PANEL_SECRETARY')
  @Audited('APPEAL_SECRETARY_CANDIDATES')
  @ApiOperation({
    summary:
      "Who may be named the appeal's panel secretary (a panel secretary): panel secretaries with no part in the case or the clearance, not the one named now",
  })
  @ApiOkResponse({ type: SecretaryCandidateListView })
  secretaryCandidates(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Req() req: Request,
  ): Promise<SecretaryCandidateListView> {
    return this.appeals.secretaryCandidates(p, id, req);
  }

  @Post(':appealId/statements')
  @Allow('APPLICANT', 'SENIOR_ADJUDICATOR')
  @Audited('APPEAL_ACTION:SUBMIT_STATEMENT')
  @ActionDocs("Submit a statement of case: the appellant's own, or the department's (an adjudicator)")
  statement(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Body() dto: StatementDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    const as: AppealPersonActor = p.roles.includes('APPLICANT') ? 'APPELLANT' : 'DEPARTMENT';
    return this.run(p, id, as, { type: 'SUBMIT_STATEMENT', ...dto }, key, req);
  }

  @Post(':appealId/extensions')
  @Allow('PANEL_SECRETARY')
  @Audited('APPEAL_ACTION:EXTEND_DEADLINE')
  @ActionDocs("Extend a side's statement deadline, with written reasons (the panel secretary)")
  extend(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Body() dto: ExtensionDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, 'PANEL_SECRETARY', { type: 'EXTEND_DEADLINE', ...dto }, key, req);
  }

  @Post(':appealId/recommendation')
  @Allow('PANEL_SECRETARY')
  @Audited('APPEAL_ACTION:RECORD_RECOMMENDATION')
  @ActionDocs("Record the panel's recommendation (the panel secretary); the system carries it out")
  recommend(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Body() dto: RecommendationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, 'PANEL_SECRETARY', { type: 'RECORD_RECOMMENDATION', ...dto }, key, req);
  }

  @Post(':appealId/complaint-response')
  @Allow('SENIOR_ADJUDICATOR')
  @Audited('APPEAL_ACTION:ANSWER_COMPLAINT')
  @ActionDocs('Answer a complaint with an outcome (an adjudicator with no prior involvement)')
  answer(
    @CurrentPrincipal() p: Principal,
    @Param('appealId', appealIdPipe) id: string,
    @Body() dto: ComplaintResponseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, 'APPEAL_OFFICER', { type: 'ANSWER_COMPLAINT', ...dto }, key, req);
  }

  private run(
    principal: Principal,
    appealId: string,
    as: AppealPersonActor,
    request: AppealRequest,
    idempotencyKey: string | undefined,
    req: Request,
  ): Promise<AppealView | AppealStaffView> {
    return this.appeals.act(principal, appealId, as, request, { requestId: idempotencyKey, audit: req });
  }
}

/** Shared OpenAPI description of an appeal action. */
function ActionDocs(summary: string): MethodDecorator {
  return UpdateActionDocs(summary, {
    result: 'The appeal after the action, as you may see it',
    schema: VIEW,
    conflict: 'Not allowed now (status, window or deadline passed, not independent): says the status',
  });
}
