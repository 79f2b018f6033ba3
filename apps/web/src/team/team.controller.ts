import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { rolesFor } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import { caseRef, personName } from '../cases/case.types';
import type { CaseList } from '../cases/case.types';
import { field } from '../common/form-action';
import { pagination } from '../common/pagination';
import { sentence } from '../common/web-error.filter';
import type { SignedInUser } from '../session/session.types';
import { StaffDirectory } from '../staff/staff-directory.service';
import { filterView, readFilters } from '../work/work.controller';

/** The team area's sub navigation (MOJ): the queue and the escalations. */
function teamNavigation(current: 'queue' | 'escalations'): object[] {
  return [
    { text: 'Team queue', href: '/team', active: current === 'queue' },
    { text: 'Escalations', href: '/team/escalations', active: current === 'escalations' },
  ];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The team lead's queue: the team's open cases by urgency, and assigning officers to one or many at once. */
@Controller('team')
@Roles('TEAM_LEAD', 'ADMIN')
export class TeamController {
  constructor(
    private readonly api: ApiClient,
    private readonly staff: StaffDirectory,
  ) {}

  @Get()
  @Render('team/index')
  async index(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    const filters = readFilters(query);
    const unassigned = query.unassigned === 'true';
    const list = await this.api.get<CaseList>(caller, '/cases', {
      status: 'OPEN',
      sort: 'urgency',
      page: filters.page,
      pageSize: 25,
      stage: filters.stage,
      sla: filters.sla,
      unassigned: unassigned || undefined,
    });
    const officers = await this.staff.officers(
      caller,
      user.team,
      list.items.map((c) => c.assignee),
    );
    const names = new Map(officers.map((o) => [o.id, o.name]));
    return {
      team: user.team ?? 'all teams',
      cases: list.items.map((c) => ({
        ...c,
        ref: caseRef(c.id),
        assigneeName: c.assignee ? (names.get(c.assignee) ?? personName(list, c.assignee)) : null,
      })),
      total: list.total,
      officers,
      unassigned,
      pagination: pagination('/team', { ...filters, unassigned: unassigned ? 'true' : undefined }, list),
      filter: filterView('/team', filters),
      teamNavigation: teamNavigation('queue'),
    };
  }

  /**
   * Escalations: the team's open cases past their stage deadline (the stage clock has escalated them to the
   * lead) or at risk of it, the most overdue first. Extending a deadline is on the case page, which offers it
   * only when the API would accept it.
   */
  @Get('escalations')
  @Render('team/escalations')
  async escalations(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    const { page } = readFilters(query);
    const list = await this.api.get<CaseList>(caller, '/cases', {
      status: 'OPEN',
      sla: 'BREACHED,AT_RISK',
      sort: 'urgency',
      page,
      pageSize: 25,
    });
    const mayExtend = rolesFor('EXTEND_DEADLINE').some((r) => user.roles.includes(r));
    return {
      team: user.team ?? 'all teams',
      cases: list.items.map((c) => ({
        ...c,
        ref: caseRef(c.id),
        assigneeName: c.assignee ? personName(list, c.assignee) : null,
      })),
      total: list.total,
      mayExtend,
      pagination: pagination('/team/escalations', { page }, list),
      teamNavigation: teamNavigation('escalations'),
    };
  }

  /** Assign (or reassign) the chosen officer to every ticked case; says which, if any, were refused and why. */
  @Post('assignments')
  async assign(
    @Req() req: Request,
    @Res() res: Response,
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const raw = body.caseIds;
    const caseIds = (Array.isArray(raw) ? raw : [raw]).filter(
      (id): id is string => typeof id === 'string' && UUID.test(id),
    );
    const officerId = field(body, 'officerId');
    const errors: { text: string; href: string }[] = [];
    if (caseIds.length === 0) errors.push({ text: 'Select at least one case', href: '#cases' });
    if (!officerId) errors.push({ text: 'Choose an officer', href: '#officerId' });
    if (errors.length > 0) {
      req.session.flash = { kind: 'error', text: 'Select cases and an officer', errors };
      return res.redirect(303, '/team');
    }
    const officer = (await this.staff.officers(caller, user.team)).find((o) => o.id === officerId);
    const name = officer?.name ?? officerId;
    const refused: { text: string; href: string }[] = [];
    for (const id of caseIds) {
      try {
        await this.api.post(caller, `/cases/${id}/assignment`, { officerId });
      } catch (error) {
        if (!(error instanceof ApiError) || ![400, 404, 409, 422].includes(error.status)) throw error;
        refused.push({ text: `Case ${caseRef(id)}: ${sentence(error.body.message)}`, href: `#case-${id}` });
      }
    }
    const done = caseIds.length - refused.length;
    req.session.flash =
      refused.length === 0
        ? { kind: 'success', text: `${done} ${done === 1 ? 'case' : 'cases'} assigned to ${name}` }
        : {
            kind: 'error',
            title:
              done > 0
                ? `${done} assigned to ${name}; ${refused.length} could not be`
                : 'No cases were assigned',
            text: 'Some assignments were refused',
            errors: refused,
          };
    res.redirect(303, '/team');
  }
}
