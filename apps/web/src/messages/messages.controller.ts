import { Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import { formAction } from '../common/form-action';
import { pagination } from '../common/pagination';
import type { SignedInUser } from '../session/session.types';
import { MESSAGE_ROLES, messageLink } from './message-links';
import type { MessageSubjectKind } from './message-links';

/** One message (apps/api InboxMessageView). Discreet by design: "there is an update, please sign in". */
interface InboxMessage {
  id: string;
  caseId: string | null;
  about: MessageSubjectKind | null;
  reason: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

interface InboxPage {
  items: InboxMessage[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
  unread: number;
}

const PAGE_SIZE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The in-service messages of everyone who gets notices (`GET /inbox`, scoped by the API to the signed-in person),
 * newest first, and marking them read. A staff notice links to the page of the case, clearance or appeal it
 * concerns when the reader's role may open it.
 */
@Controller('messages')
@Roles(...MESSAGE_ROLES)
export class MessagesController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('messages/index')
  async index(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    const pageNumber = Number(query.page);
    const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1;
    const inbox = await this.api.get<InboxPage>(caller, '/inbox', { page, pageSize: PAGE_SIZE });
    return {
      messages: inbox.items.map((message) => ({ ...message, link: messageLink(message, user.roles) })),
      total: inbox.total,
      unread: inbox.unread,
      pagination: pagination('/messages', { page }, inbox),
    };
  }

  @Post('read-all')
  readAll(@Req() req: Request, @Res() res: Response, @Caller() caller: ApiCaller): Promise<void> {
    return formAction(req, res, {
      run: () => this.api.post(caller, '/inbox/read-all', {}),
      backTo: '/messages',
      success: 'All your messages are marked as read',
    });
  }

  @Post(':id/read')
  readOne(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @Param('id') id: string,
  ): Promise<void> {
    if (!UUID.test(id)) {
      res.redirect(303, '/messages');
      return Promise.resolve();
    }
    return formAction(req, res, {
      run: () => this.api.post(caller, `/inbox/${id}/read`, {}),
      backTo: '/messages',
      success: 'Message marked as read',
    });
  }
}
