import { Controller, Get, Query, Render } from '@nestjs/common';
import { APPEAL_KINDS, APPEAL_STATUSES, isFinalAppeal } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import type { SignedInUser } from '../session/session.types';
import { caseRef } from '../cases/case.types';
import type { AppealStaffView, QueueQuery } from './appeal-staff-words';
import {
  appealTitle,
  KIND_WORDS,
  nextDeadline,
  readQueueQuery,
  secretaryItems,
  sortedQueue,
  sortHeadings,
  STATUS_WORDS,
} from './appeal-staff-words';

/**
 * The queue of open appeals and complaints: the panel secretary's start page and the senior adjudicators' list of
 * internal reviews and complaints. The API decides who may see it and gives it oldest first; the page sorts and
 * filters it by the address's query (so both work without JavaScript), each row linking to the appeal's page.
 */
@Controller('appeals')
@Roles('PANEL_SECRETARY', 'SENIOR_ADJUDICATOR')
export class AppealsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('appeals/index')
  async index(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    const read = readQueueQuery(query);
    // "Named secretary" is a panel secretary's filter: an adjudicator is never named, so it is not offered them.
    const secretaryFilter = user.roles.includes('PANEL_SECRETARY');
    const q: QueueQuery = secretaryFilter ? read : { ...read, secretary: undefined };
    const queue = await this.api.get<{ items: AppealStaffView[] }>(caller, '/appeals', {
      secretary: q.secretary,
    });
    const now = Date.now();
    const shown = sortedQueue(queue.items, q, now);
    return {
      total: queue.items.length,
      filtered: !!(q.kind || q.status || q.secretary),
      secretaryItems: secretaryFilter ? secretaryItems(q) : null,
      headings: sortHeadings(q),
      kindItems: [
        { value: '', text: 'Any kind' },
        ...APPEAL_KINDS.map((k) => ({ value: k, text: KIND_WORDS[k], selected: q.kind === k })),
      ],
      statusItems: [
        { value: '', text: 'Any status' },
        // The queue holds open appeals only, so only open statuses are offered.
        ...APPEAL_STATUSES.filter((s) => !isFinalAppeal(s)).map((s) => ({
          value: s,
          text: STATUS_WORDS[s].text,
          selected: q.status === s,
        })),
      ],
      sort: q.sort,
      order: q.order,
      appeals: shown.map((a) => ({
        ...a,
        ref: caseRef(a.caseId),
        title: appealTitle(a),
        kindWords: KIND_WORDS[a.kind],
        status: STATUS_WORDS[a.status],
        deadline: nextDeadline(a, now),
      })),
    };
  }
}
