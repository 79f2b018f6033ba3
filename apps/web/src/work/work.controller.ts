import { Controller, Get, Query, Render } from '@nestjs/common';
import { OPEN_STAGES } from '../../../../libs/domain/src';
import type { OpenStage } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseRef } from '../cases/case.types';
import type { CaseList, SlaState } from '../cases/case.types';
import { pagination } from '../common/pagination';
import { words } from '../common/view-filters';

const SLA_STATES: SlaState[] = ['BREACHED', 'AT_RISK', 'ON_TRACK'];
const SLA_NAMES: Record<SlaState, string> = {
  BREACHED: 'Breached',
  AT_RISK: 'At risk',
  ON_TRACK: 'On track',
};

/** Filters as the query string gives them; anything unknown is ignored rather than refused. */
export interface QueueFilters {
  stage?: OpenStage;
  sla?: SlaState;
  page: number;
}

export function readFilters(query: Record<string, unknown>): QueueFilters {
  const stage = OPEN_STAGES.find((s) => s === query.stage);
  const sla = SLA_STATES.find((s) => s === query.sla);
  const page = Number(query.page);
  return { stage, sla, page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1 };
}

/** The MOJ filter's pieces: options for the form and the "selected filters" tags that remove one each. */
export function filterView(base: string, filters: QueueFilters): object {
  const href = (next: Partial<QueueFilters>): string => {
    const params = new URLSearchParams();
    const merged = { stage: filters.stage, sla: filters.sla, ...next };
    if (merged.stage) params.set('stage', merged.stage);
    if (merged.sla) params.set('sla', merged.sla);
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const categories = [
    ...(filters.stage
      ? [
          {
            heading: { text: 'Stage' },
            items: [{ href: href({ stage: undefined }), text: words(filters.stage) }],
          },
        ]
      : []),
    ...(filters.sla
      ? [
          {
            heading: { text: 'Deadline' },
            items: [{ href: href({ sla: undefined }), text: SLA_NAMES[filters.sla] }],
          },
        ]
      : []),
  ];
  return {
    stageItems: [
      { value: '', text: 'Any stage' },
      ...OPEN_STAGES.map((s) => ({ value: s, text: words(s), selected: filters.stage === s })),
    ],
    slaItems: [
      { value: '', text: 'Any', checked: !filters.sla },
      ...SLA_STATES.map((s) => ({ value: s, text: SLA_NAMES[s], checked: filters.sla === s })),
    ],
    selectedFilters:
      categories.length > 0
        ? {
            heading: { text: 'Selected filters' },
            clearLink: { text: 'Clear filters', href: base },
            categories,
          }
        : undefined,
  };
}

/** The vetting officer's queue: their open cases, the nearest deadline (or the most overdue) first. */
@Controller('work')
@Roles('VETTING_OFFICER', 'ADMIN')
export class WorkController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('work/index')
  async index(@Caller() caller: ApiCaller, @Query() query: Record<string, unknown>): Promise<object> {
    const filters = readFilters(query);
    const list = await this.api.get<CaseList>(caller, '/cases', {
      status: 'OPEN',
      sort: 'urgency',
      page: filters.page,
      pageSize: 20,
      stage: filters.stage,
      sla: filters.sla,
    });
    return {
      cases: list.items.map((c) => ({ ...c, ref: caseRef(c.id) })),
      total: list.total,
      pagination: pagination('/work', { ...filters }, list),
      filter: filterView('/work', filters),
    };
  }
}
