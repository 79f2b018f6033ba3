import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, Principal } from '../../../../libs/domain/src';
import { Audited } from '../audit/audited.decorator';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import { ErrorResponse } from '../common/error-response';
import { ContactDto, InboxMessageView, InboxPageView, ListInboxQueryDto, ReadAllView } from './inbox.dto';
import { InboxService } from './inbox.service';
import { ROLES } from '../../../../libs/domain/src';
import { ApiStandardResponses } from '../common/api-responses.decorator';

// Everyone who can sign in has an inbox; what is in it is scoped to the caller, not to a role.
const EVERY_ROLE = ROLES;

// Named notificationId, not id: the audit trail reads `:id` as a case id.
const notificationId = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'message id must be a UUID', {
      fields: [{ field: 'notificationId', problems: ['must be a UUID'] }],
    }),
});

/** Your in-app inbox: the discreet "there is an update" messages, and acknowledging them. */
@ApiStandardResponses()
@ApiTags('inbox')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Allow(...EVERY_ROLE)
  @Audited('INBOX_READ')
  @ApiOperation({ summary: 'Your messages, newest first; only unread ones with unread=true' })
  @ApiOkResponse({ type: InboxPageView })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListInboxQueryDto): Promise<InboxPageView> {
    return this.inbox.list(principal.subject, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @Allow(...EVERY_ROLE)
  @Audited('INBOX_ACKNOWLEDGE_ALL')
  @ApiOperation({ summary: 'Acknowledge every unread message' })
  @ApiOkResponse({ type: ReadAllView })
  readAll(@CurrentPrincipal() principal: Principal): Promise<ReadAllView> {
    return this.inbox.acknowledgeAll(principal.subject);
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @Allow(...EVERY_ROLE)
  @Audited('INBOX_ACKNOWLEDGE')
  @ApiOperation({ summary: 'Acknowledge one message (again is harmless: the first time is kept)' })
  @ApiOkResponse({ type: InboxMessageView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such message in your inbox' })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('notificationId', notificationId) id: string,
  ): Promise<InboxMessageView> {
    return this.inbox.acknowledge(principal.subject, id);
  }
}

/** Your own contact details for notifications. */
@ApiStandardResponses()
@ApiTags('inbox')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('me')
export class ContactController {
  constructor(private readonly inbox: InboxService) {}

  @Put('contact')
  @Allow(...EVERY_ROLE)
  @Audited('CONTACT_UPDATE')
  @ApiOperation({
    summary:
      'Set the email address your notifications go to (they say only "there is an update, please sign in")',
  })
  @ApiOkResponse({ type: ContactDto })
  setContact(@CurrentPrincipal() principal: Principal, @Body() dto: ContactDto): Promise<ContactDto> {
    return this.inbox.setContact(principal.subject, dto);
  }
}
