import { Controller, Get, Query, Render } from '@nestjs/common';
import { APPEAL_KINDS, APPEAL_STATUSES, isFinalAppeal } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import type { SignedInUser } from '../session/session.types';
import { caseRef } from '../cases/case.types';
import { pagination } from '../common/pagination';
import type { AppealStaffView, QueueQuery } from './appeal-staff-words';
import {
  appealTitle,
  KIND_WORDS,
  nextDeadline,
  queueLinkFilters,
  readQueueQuery,
  secretaryItems,
  selectedQueueFilters,
  sortedQueue,
  sortHeadings,
  STATUS_WORDS,
} from './appeal-staff-words';

/** Rows per page of the queue. */
const PAGE_SIZE = 20;

interface QueuePage {
  items: AppealStaffView[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

/**
 * The queue of open appeals and complaints: the panel secretary's start page and the senior adjudicators' list of
 * internal reviews and complaints. The API decides who may see it, filters and pages it (oldest first) by the
 * address's query; the page sorts the rows it shows (links, so both work without JavaScript), each row linking to
 * the appeal's page.
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
    // Filtered and paged by the API, in SQL; the page only orders what it is given.
    const queue = await this.api.get<QueuePage>(caller, '/appeals', {
      secretary: q.secretary,
      kind: q.kind,
      status: q.status,
      page: q.page,
      pageSize: PAGE_SIZE,
    });
    const now = Date.now();
    const shown = sortedQueue(queue.items, q, now);
    return {
      total: queue.total,
      filtered: !!(q.kind || q.status || q.secretary),
      selectedFilters: selectedQueueFilters(q),
      pagination: pagination('/appeals', { ...queueLinkFilters(q), page: queue.page }, queue),
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
