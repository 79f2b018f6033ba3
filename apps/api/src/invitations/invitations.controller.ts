import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import {
  CreateInvitationDto,
  InvitationListResponse,
  InvitationResponse,
  ListInvitationsQueryDto,
} from './invitation.dto';
import { InvitationsService } from './invitations.service';
import { ApiStandardResponses } from '../common/api-responses.decorator';

// Named invitationId, not id: the audit trail reads `:id` as a case id.
const invitationId = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'invitation id must be a UUID', {
      fields: [{ field: 'invitationId', problems: ['must be a UUID'] }],
    }),
});

/** Sponsors invite applicants; the invited applicant applies with the invitation id (POST /applications). */
@ApiStandardResponses()
@ApiTags('invitations')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @Allow('SPONSOR')
  @Audited('INVITATION_CREATE')
  @ApiOperation({ summary: 'Invite an applicant (by user id) to apply; they are reminded until they do' })
  @ApiCreatedResponse({ type: InvitationResponse })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateInvitationDto,
  ): Promise<InvitationResponse> {
    return this.invitations.create(principal, dto.applicantId);
  }

  @Get()
  @Allow('SPONSOR')
  @Audited('INVITATION_LIST')
  @ApiOperation({ summary: 'The invitations you sent, newest first, optionally in one status' })
  @ApiOkResponse({ type: InvitationListResponse })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListInvitationsQueryDto,
  ): Promise<InvitationListResponse> {
    return this.invitations.listSent(principal, query);
  }

  @Get(':invitationId')
  @Allow('SPONSOR', 'APPLICANT')
  @Audited('INVITATION_READ')
  @ApiOperation({ summary: 'An invitation, for the sponsor who made it or the applicant invited' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such invitation, or not yours' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('invitationId', invitationId) id: string,
  ): Promise<InvitationResponse> {
    return this.invitations.findFor(principal, id);
  }

  @Post(':invitationId/withdrawal')
  @HttpCode(200)
  @Allow('SPONSOR')
  @Audited('INVITATION_WITHDRAW')
  @ApiOperation({
    summary:
      'Withdraw an open invitation; the applicant is not reminded again. Withdrawing it again answers it unchanged',
  })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such invitation, or not yours' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The invitation was accepted or has lapsed' })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('invitationId', invitationId) id: string,
  ): Promise<InvitationResponse> {
    return this.invitations.withdraw(principal, id);
  }
}
