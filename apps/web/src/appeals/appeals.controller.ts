import { Controller, Get, Render } from '@nestjs/common';
import type { AppealKind, AppealStatus } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';

/** One open appeal as the API's queue lists it (only what the page shows). */
interface QueuedAppeal {
  appealId: string;
  kind: AppealKind;
  status: AppealStatus;
  caseId: string;
  lodgedAt: string;
  panelWindowEndsAt: string | null;
}

const KIND_WORDS: Record<AppealKind, string> = { APPEAL: 'Appeal', COMPLAINT: 'Complaint' };

/** Staff words for each status (the appellant never sees these: the API gives them a coarser vocabulary). */
const STATUS_WORDS: Record<AppealStatus, string> = {
  INTERNAL_REVIEW: 'Internal review',
  OVERTURNED: 'Overturned',
  UPHELD: 'Upheld (panel window open)',
  PANEL_REGISTERED: 'Registered with the panel',
  PANEL_ACKNOWLEDGED: 'Acknowledged by the panel',
  PANEL_DECIDED: 'Panel recommended',
  CLOSED: 'Closed',
  COMPLAINT_OPEN: 'Complaint open',
  COMPLAINT_ANSWERED: 'Complaint answered',
};

/**
 * The queue of open appeals and complaints, oldest first: the panel secretary's start page and the senior
 * adjudicators' list of internal reviews and complaints. The API decides who may see it.
 */
@Controller('appeals')
@Roles('PANEL_SECRETARY', 'SENIOR_ADJUDICATOR')
export class AppealsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('appeals/index')
  async index(@Caller() caller: ApiCaller): Promise<object> {
    const queue = await this.api.get<{ items: QueuedAppeal[] }>(caller, '/appeals');
    return {
      appeals: queue.items.map((a) => ({
        ...a,
        ref: caseRef(a.caseId),
        kindWords: KIND_WORDS[a.kind],
        statusWords: STATUS_WORDS[a.status],
      })),
    };
  }
}
