import { Injectable, NotFoundException } from '@nestjs/common';
import type { InboxMessage } from '../../../../libs/persistence/src';
import { NotificationStore } from '../../../../libs/persistence/src';
import { ContactDto, InboxMessageView, InboxPageView, ListInboxQueryDto, ReadAllView } from './inbox.dto';

/** The caller's own inbox and contact address. Every method is scoped to one recipient: the caller. */
@Injectable()
export class InboxService {
  constructor(private readonly store: NotificationStore) {}

  /** One page of the recipient's messages, newest first. */
  async list(recipient: string, query: ListInboxQueryDto): Promise<InboxPageView> {
    const page = await this.store.inbox(recipient, {
      unreadOnly: query.unread === true,
      page: query.page,
      pageSize: query.pageSize,
    });
    return {
      items: page.items.map(toView),
      page: query.page,
      pageSize: query.pageSize,
      total: page.total,
      totalPages: Math.ceil(page.total / query.pageSize),
      unread: page.unread,
    };
  }

  /** Acknowledges one of the recipient's messages; someone else's is indistinguishable from a missing one. */
  async acknowledge(recipient: string, notificationId: string): Promise<InboxMessageView> {
    const message = await this.store.markRead(recipient, notificationId);
    if (!message) throw new NotFoundException(`no message ${notificationId} in your inbox`);
    return toView(message);
  }

  /** Acknowledges every unread message of the recipient. */
  async acknowledgeAll(recipient: string): Promise<ReadAllView> {
    return { acknowledged: await this.store.markAllRead(recipient) };
  }

  /** Sets the address the recipient's notifications are emailed to. */
  async setContact(userId: string, dto: ContactDto): Promise<ContactDto> {
    await this.store.setContact(userId, dto.email);
    return { email: dto.email };
  }
}

function toView(message: InboxMessage): InboxMessageView {
  return {
    id: message.id,
    caseId: message.caseId,
    about: message.about,
    reason: message.reason,
    subject: message.subject,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    readAt: message.readAt?.toISOString() ?? null,
  };
}
