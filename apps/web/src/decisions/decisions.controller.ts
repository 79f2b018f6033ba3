import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef, personName } from '../cases/case.types';
import type { CaseList } from '../cases/case.types';
import { pagination } from '../common/pagination';
import { readFilters } from '../work/work.controller';

/** The senior adjudicator's queue: cases awaiting a decision, the nearest deadline first. */
@Controller('decisions')
@Roles('SENIOR_ADJUDICATOR')
export class DecisionsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('decisions/index')
  async index(@Caller() caller: ApiCaller, @Query() query: Record<string, unknown>): Promise<object> {
    const { page } = readFilters(query);
    const list = await this.api.get<CaseList>(caller, '/cases', {
      status: 'OPEN',
      stage: 'DECISION',
      sort: 'urgency',
      page,
      pageSize: 20,
    });
    return {
      cases: list.items.map((c) => ({
        ...c,
        ref: caseRef(c.id),
        assigneeName: c.assignee ? personName(list, c.assignee) : null,
      })),
      total: list.total,
      pagination: pagination('/decisions', { page }, list),
    };
  }
}
