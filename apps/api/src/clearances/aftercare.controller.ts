import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  PipeTransform,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { clearanceActorFor, DomainError, Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, AllowClearanceAction, CurrentPrincipal } from '../auth/auth.decorators';
import { ApiStandardResponses } from '../common/api-responses.decorator';
import { UpdateActionDocs } from '../common/update-action-docs.decorator';
import { ErrorResponse } from '../common/error-response';
import { AftercareService, ClearanceRequest, PersonActor } from './aftercare.service';
import {
  AssignReviewDto,
  ClearanceReasonDto,
  LineManagerCandidateQueryDto,
  LineManagerSearchDto,
  NameLineManagerDto,
  RecordReviewDto,
  ReportChangeDto,
  ReportIncidentDto,
  ReportLeaverDto,
  ReviewQueueQueryDto,
  ReviewTaskQueryDto,
  SubmitAppraisalDto,
  SubmitManagerAppraisalDto,
  TransferSponsorDto,
  WithdrawClearanceDto,
} from './dto/aftercare.dto';
import {
  ClearanceStaffView,
  ClearanceView,
  HeldClearancesView,
  LineManagerCandidateView,
  LineManagerClearanceView,
  LineManagerSearchView,
  ManagedClearancesView,
  OpenReviewTaskView,
  ReferralNotesView,
  ReferralPageView,
  ReviewTaskPageView,
} from './dto/clearance.views';

const clearanceIdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'clearance id must be a UUID', {
      fields: [{ field: 'clearanceId', problems: ['must be a UUID'] }],
    }),
});

/** Review task ids are workflow-assigned keys like task-3. */
class ReviewTaskIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^task-[0-9]{1,9}$/.test(value)) {
      throw new DomainError('VALIDATION_FAILED', 'taskId must look like task-1', {
        fields: [{ field: 'taskId', problems: ['must look like task-1'] }],
      });
    }
    return value;
  }
}
const taskIdPipe = new ReviewTaskIdPipe();

const VIEW = {
  oneOf: [ClearanceStaffView, ClearanceView, LineManagerClearanceView].map((m) => ({
    $ref: getSchemaPath(m),
  })),
};

/**
 * The aftercare of a held clearance (issue 12): its holder reports changes and answers the annual appraisal,
 * its sponsor reports incidents and leavers, officers review, senior adjudicators suspend, restore and withdraw
 * (or leave a referred clearance valid).
 * Each action is an Update to the clearance's clearance-held workflow, checked by the clearance rules.
 */
@ApiStandardResponses()
@ApiTags('clearances')
@ApiExtraModels(ClearanceView, ClearanceStaffView, LineManagerClearanceView, OpenReviewTaskView)
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown clearance, or one you may not see' })
@Controller('clearances')
export class AftercareController {
  constructor(private readonly aftercare: AftercareService) {}

  @Get('mine')
  @Allow('APPLICANT')
  @Audited('CLEARANCE_LIST')
  @ApiOperation({ summary: 'The clearances you hold or held: status and dates, newest first' })
  @ApiOkResponse({ type: HeldClearancesView })
  async mine(@CurrentPrincipal() principal: Principal): Promise<HeldClearancesView> {
    return { items: await this.aftercare.held(principal) };
  }

  @Get('managed')
  @Allow('LINE_MANAGER')
  @Audited('CLEARANCE_LIST_MANAGED')
  @ApiOperation({
    summary:
      "The clearances you are named line manager for: status, dates and this year's appraisal, newest grant first",
  })
  @ApiOkResponse({ type: ManagedClearancesView })
  async managed(@CurrentPrincipal() principal: Principal): Promise<ManagedClearancesView> {
    return { items: await this.aftercare.managed(principal) };
  }

  @Get('review-tasks')
  @Allow('VETTING_OFFICER', 'TEAM_LEAD')
  @Audited('CLEARANCE_REVIEW_QUEUE')
  @ApiOperation({
    summary:
      "Open aftercare review tasks over all clearances, oldest first, with their assignee; assignee=me lists yours, assignee=none the unassigned ones. A team lead's lists only the unassigned tasks and those assigned to officers of their team",
  })
  @ApiOkResponse({ type: ReviewTaskPageView })
  reviewTasks(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReviewQueueQueryDto,
  ): Promise<ReviewTaskPageView> {
    return this.aftercare.reviewQueue(principal, query.page, query.pageSize, query.assignee);
  }

  @Get('referrals')
  @Allow('SENIOR_ADJUDICATOR')
  @Audited('CLEARANCE_REFERRAL_QUEUE')
  @ApiOperation({
    summary:
      'Clearances awaiting a senior adjudicator (referred by a review, or suspended), oldest first; never one the caller holds, sponsors or reviewed',
  })
  @ApiOkResponse({ type: ReferralPageView })
  referrals(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReviewTaskQueryDto,
  ): Promise<ReferralPageView> {
    return this.aftercare.referralQueue(principal, query.page, query.pageSize);
  }

  @Get(':clearanceId')
  @Allow('APPLICANT', 'SPONSOR', 'LINE_MANAGER', 'VETTING_OFFICER', 'SENIOR_ADJUDICATOR')
  @Audited('CLEARANCE_READ')
  @ApiOperation({
    summary:
      'One clearance: status and dates for its holder and sponsor; the appraisal for its line manager; review tasks and reviewers for officers and adjudicators',
  })
  @ApiOkResponse({ schema: VIEW })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('clearanceId', clearanceIdPipe) clearanceId: string,
    @Req() req: Request,
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    return this.aftercare.read(principal, clearanceId, req);
  }

  @Get(':clearanceId/line-manager-candidate')
  @Allow('SPONSOR')
  @Audited('CLEARANCE_LINE_MANAGER_LOOKUP')
  @ApiOperation({
    summary:
      "Who a staff id is before the sponsor names them line manager (the clearance's sponsor only): their name and team from the staff directory, for that one id; 422 as naming them would be (unknown, not a line manager, the holder or the sponsor), 409 when naming them could not be done now",
  })
  @ApiOkResponse({ type: LineManagerCandidateView })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'INVALID_COMMAND: lineManagerId is not a line manager in the staff directory',
  })
  lineManagerCandidate(
    @CurrentPrincipal() principal: Principal,
    @Param('clearanceId', clearanceIdPipe) clearanceId: string,
    @Query() query: LineManagerCandidateQueryDto,
    @Req() req: Request,
  ): Promise<LineManagerCandidateView> {
    return this.aftercare.lineManagerCandidate(principal, clearanceId, query.lineManagerId, req);
  }

  @Post(':clearanceId/line-manager-candidates/search')
  @HttpCode(200)
  @Allow('SPONSOR')
  @Audited('CLEARANCE_LINE_MANAGER_SEARCH')
  @ApiOperation({
    summary:
      "Find the line managers the sponsor may name for the clearance by part of their name (the clearance's sponsor only): at most ten, by name, with name and team, capped saying more matched. Never the holder, the sponsor or the one named already; 409 when no one can be named now. POST so that the name is in the body, never in an address or a log; the audit row records the search, not the term",
  })
  @ApiOkResponse({ type: LineManagerSearchView })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'ILLEGAL_TRANSITION: the clearance takes no naming now (it has ended)',
  })
  searchLineManagers(
    @CurrentPrincipal() principal: Principal,
    @Param('clearanceId', clearanceIdPipe) clearanceId: string,
    @Body() dto: LineManagerSearchDto,
    @Req() req: Request,
  ): Promise<LineManagerSearchView> {
    return this.aftercare.searchLineManagers(principal, clearanceId, dto.term, req);
  }

  @Get(':clearanceId/referral-notes')
  @Allow('SENIOR_ADJUDICATOR')
  @Audited('CLEARANCE_REFERRAL_NOTES_READ')
  @ApiOperation({
    summary:
      'The notes of the officers’ reviews behind the clearance’s open referral, oldest first (empty when none is open); only a senior adjudicator who may decide it (never one who reviewed, holds or sponsors it: 404)',
  })
  @ApiOkResponse({ type: ReferralNotesView })
  referralNotes(
    @CurrentPrincipal() principal: Principal,
    @Param('clearanceId', clearanceIdPipe) clearanceId: string,
    @Req() req: Request,
  ): Promise<ReferralNotesView> {
    return this.aftercare.referralNotes(principal, clearanceId, req);
  }

  @Post(':clearanceId/changes')
  @AllowClearanceAction('REPORT_CHANGE')
  @Audited('CLEARANCE_ACTION:REPORT_CHANGE')
  @ActionDocs('Report a change of circumstances (the holder): opens a review task for an officer')
  reportChange(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: ReportChangeDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'REPORT_CHANGE', ...dto }, key, req);
  }

  @Post(':clearanceId/appraisals')
  @AllowClearanceAction('SUBMIT_APPRAISAL')
  @Audited('CLEARANCE_ACTION:SUBMIT_APPRAISAL')
  @ActionDocs("Submit this year's security appraisal (the holder); one raising a concern opens a review task")
  submitAppraisal(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: SubmitAppraisalDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'SUBMIT_APPRAISAL', ...dto }, key, req);
  }

  @Post(':clearanceId/manager-appraisals')
  @AllowClearanceAction('SUBMIT_MANAGER_APPRAISAL')
  @Audited('CLEARANCE_ACTION:SUBMIT_MANAGER_APPRAISAL')
  @ActionDocs(
    "Submit the line manager's part of this year's appraisal (the line manager the sponsor named): the appraisal is complete once the holder's part is in too; a concern, or conduct not confirmed, opens a review task",
  )
  submitManagerAppraisal(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: SubmitManagerAppraisalDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'SUBMIT_MANAGER_APPRAISAL', ...dto }, key, req);
  }

  @Post(':clearanceId/line-manager')
  @AllowClearanceAction('NAME_LINE_MANAGER')
  @Audited('CLEARANCE_ACTION:NAME_LINE_MANAGER')
  @ActionDocs(
    "Name (or change) the holder's line manager (the sponsor): a member of staff with the LINE_MANAGER role (422 otherwise), neither the holder nor the sponsor",
  )
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'INVALID_COMMAND: lineManagerId is not a line manager in the staff directory',
  })
  nameLineManager(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: NameLineManagerDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.aftercare.nameLineManager(p, id, dto.lineManagerId, { requestId: key, audit: req });
  }

  @Post(':clearanceId/incidents')
  @AllowClearanceAction('REPORT_INCIDENT')
  @Audited('CLEARANCE_ACTION:REPORT_INCIDENT')
  @ActionDocs('Report an aftercare incident (the sponsor): opens a review task for an officer')
  reportIncident(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: ReportIncidentDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'REPORT_INCIDENT', ...dto }, key, req);
  }

  @Post(':clearanceId/leaver')
  @AllowClearanceAction('REPORT_LEAVER')
  @Audited('CLEARANCE_ACTION:REPORT_LEAVER')
  @ActionDocs('Report that the holder has left the sponsored post (the sponsor): the clearance lapses')
  reportLeaver(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: ReportLeaverDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'REPORT_LEAVER', ...dto }, key, req);
  }

  @Post(':clearanceId/review-tasks/:taskId/outcome')
  @AllowClearanceAction('RECORD_REVIEW')
  @Audited('CLEARANCE_ACTION:RECORD_REVIEW')
  @ActionDocs('Record the outcome of an aftercare review (an officer); the officer may then not withdraw it')
  recordReview(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Param('taskId', taskIdPipe) taskId: string,
    @Body() dto: RecordReviewDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'RECORD_REVIEW', taskId, ...dto }, key, req);
  }

  @Get(':clearanceId/review-tasks/:taskId')
  @Allow('VETTING_OFFICER', 'TEAM_LEAD')
  @Audited('CLEARANCE_REVIEW_TASK_READ')
  @ApiOperation({
    summary:
      "One open review task as the queue lists it, with its assignee (the team lead's assignment page); 404 once it is closed, or for a lead when it is assigned outside their team",
  })
  @ApiOkResponse({ type: OpenReviewTaskView })
  reviewTask(
    @CurrentPrincipal() principal: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Param('taskId', taskIdPipe) taskId: string,
    @Req() req: Request,
  ): Promise<OpenReviewTaskView> {
    return this.aftercare.openReviewTask(principal, id, taskId, req);
  }

  @Post(':clearanceId/review-tasks/:taskId/assignment')
  @AllowClearanceAction('ASSIGN_REVIEW')
  @Audited('CLEARANCE_ACTION:ASSIGN_REVIEW')
  @UpdateActionDocs(
    'Assign an open review task: an officer takes an unassigned one themself (403 for anyone else); a team lead assigns or reassigns it to an officer of their team (422 for someone who is not). Once assigned, only that officer may record its outcome',
    {
      result: 'The task as the queue lists it, with its assignee',
      schema: { allOf: [{ $ref: getSchemaPath(OpenReviewTaskView) }] },
      conflict:
        'The task is closed, assigned to that officer already, or (for an officer) assigned to another',
    },
  )
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'INVALID_COMMAND: officerId is not a vetting officer (of your team) in the staff directory',
  })
  assignReview(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Param('taskId', taskIdPipe) taskId: string,
    @Body() dto: AssignReviewDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<OpenReviewTaskView> {
    return this.aftercare.assignReview(p, id, taskId, dto.officerId, { requestId: key, audit: req });
  }

  @Post(':clearanceId/suspension')
  @AllowClearanceAction('SUSPEND')
  @Audited('CLEARANCE_ACTION:SUSPEND')
  @ActionDocs('Suspend a valid clearance, with the reason (a senior adjudicator)')
  suspend(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: ClearanceReasonDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'SUSPEND', ...dto }, key, req);
  }

  @Post(':clearanceId/restoration')
  @AllowClearanceAction('RESTORE')
  @Audited('CLEARANCE_ACTION:RESTORE')
  @ActionDocs('Restore a suspended clearance, with the reason (a senior adjudicator)')
  restore(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: ClearanceReasonDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'RESTORE', ...dto }, key, req);
  }

  @Post(':clearanceId/withdrawal')
  @AllowClearanceAction('WITHDRAW')
  @Audited('CLEARANCE_ACTION:WITHDRAW')
  @ActionDocs(
    'Withdraw the clearance with disclosable and closed reasons (a senior adjudicator who did not review it)',
  )
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: WithdrawClearanceDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'WITHDRAW', ...dto }, key, req);
  }

  @Post(':clearanceId/referral-closure')
  @AllowClearanceAction('CLOSE_REFERRAL')
  @Audited('CLEARANCE_ACTION:CLOSE_REFERRAL')
  @ActionDocs(
    'Leave a referred clearance valid, with the reason (a senior adjudicator who did not review it): the referral is closed and leaves the referral queue; the holder and sponsor are told nothing, as the clearance does not change for them. 409 when no review has referred it since it was last restored or left valid, when it is suspended (restore or withdraw it instead) or has ended',
  )
  closeReferral(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: ClearanceReasonDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.run(p, id, { type: 'CLOSE_REFERRAL', ...dto }, key, req);
  }

  @Post(':clearanceId/renewal')
  @AllowClearanceAction('OPEN_RENEWAL')
  @Audited('CLEARANCE_ACTION:OPEN_RENEWAL')
  @ActionDocs(
    "Open the clearance's renewal case (its sponsor, or an officer): a vetting case of kind RENEWAL, its questionnaire pre-filled from the last accepted version, then driven through the case routes",
  )
  openRenewal(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.aftercare.openRenewal(p, id, { requestId: key, audit: req });
  }

  @Post(':clearanceId/transfer')
  @AllowClearanceAction('TRANSFER_SPONSOR')
  @Audited('CLEARANCE_ACTION:TRANSFER_SPONSOR')
  @ActionDocs(
    'Hand the clearance to another sponsor (its sponsor, or an officer as an aftercare outcome): the new sponsor sees it from now on, the old one no longer does',
  )
  transfer(
    @CurrentPrincipal() p: Principal,
    @Param('clearanceId', clearanceIdPipe) id: string,
    @Body() dto: TransferSponsorDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ) {
    return this.aftercare.transfer(p, id, dto, { requestId: key, audit: req });
  }

  private run(
    principal: Principal,
    clearanceId: string,
    request: ClearanceRequest,
    idempotencyKey: string | undefined,
    req: Request,
  ): Promise<ClearanceView | ClearanceStaffView | LineManagerClearanceView> {
    // The capacity is the transition table's `by` column for the action, as the route's roles are.
    const as = clearanceActorFor(request.type) as PersonActor;
    return this.aftercare.act(principal, clearanceId, as, request, { requestId: idempotencyKey, audit: req });
  }
}

/** Shared OpenAPI description of a clearance action. */
function ActionDocs(summary: string): MethodDecorator {
  return UpdateActionDocs(summary, {
    result: 'The clearance after the action, as you may see it',
    schema: VIEW,
    conflict: 'Not allowed now (status, four eyes, no such open task): says the status',
  });
}
