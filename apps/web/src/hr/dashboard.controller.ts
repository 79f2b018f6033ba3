import { Controller, Get, NotFoundException, Param, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isMonitoringCategory, MONITORING_CATEGORIES } from '../../../../libs/domain/src';
import type { MonitoringCategory } from '../../../../libs/domain/src';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { Caller, CurrentUser, Roles } from '../auth/auth.decorators';
import { csvFileName, formatPercent, tableToCsv } from '../charts';
import type { DataTable } from '../charts';
import type { SignedInUser } from '../session/session.types';
import { dashboardModel, equalOpportunityTable, nameOf } from './dashboard.model';
import type { DashboardSummary, EqualOpportunityReport } from './dashboard.types';

/** The roles the API lets read the equal-opportunity report (a team lead sees their team's summary only). */
const EQUAL_OPPORTUNITY_ROLES = ['HR_ANALYST', 'ADMIN'] as const;

/** The category in the query string, or the first one; anything unknown falls back rather than failing. */
function categoryOf(query: Record<string, unknown>): MonitoringCategory {
  return isMonitoringCategory(query.category) ? query.category : (MONITORING_CATEGORIES[0] ?? 'sex');
}

/**
 * The HR dashboard: the API's aggregate figures as charts, each with its table beside it, and CSV downloads of
 * every table. The figures are what the API answers for the signed-in person (aggregates only for HR, a team
 * lead's own team), so the page adds nothing the API did not decide to show.
 */
@Controller('dashboard')
@Roles('HR_ANALYST', 'TEAM_LEAD', 'ADMIN')
export class DashboardController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  @Render('hr/dashboard')
  async index(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Query() query: Record<string, unknown>,
  ): Promise<object> {
    const category = categoryOf(query);
    const [summary, report] = await Promise.all([
      this.api.get<DashboardSummary>(caller, '/dashboard/summary'),
      this.equalOpportunity(caller, user, category),
    ]);
    const model = dashboardModel(summary, report?.allCases);
    return {
      model,
      summary,
      equalOpportunity: report
        ? {
            category,
            table: equalOpportunityTable(report),
            policy: report.policy,
            declarationRate:
              report.declarationRate === null ? 'suppressed' : formatPercent(report.declarationRate),
            categories: MONITORING_CATEGORIES.map((c) => ({
              value: c,
              text: nameOf(c),
              selected: c === category,
            })),
          }
        : null,
    };
  }

  /** One table of the page as CSV: `/dashboard/<section>.csv`, or the equal-opportunity table of a category. */
  @Get(':file')
  async csv(
    @Caller() caller: ApiCaller,
    @CurrentUser() user: SignedInUser,
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const key = /^([a-z-]{1,40})\.csv$/.exec(file)?.[1];
    if (!key) throw new NotFoundException();
    let table: DataTable | undefined;
    if (key === 'equal-opportunity') {
      const report = await this.equalOpportunity(caller, user, categoryOf(query));
      table = report ? equalOpportunityTable(report) : undefined;
    } else {
      const summary = await this.api.get<DashboardSummary>(caller, '/dashboard/summary');
      table = dashboardModel(summary).sections.find((s) => s.key === key)?.table;
      if (!table && key === 'funnel') {
        // The funnel may come from the equal-opportunity report, as it does on the page.
        const report = await this.equalOpportunity(caller, user, categoryOf(query));
        table = report
          ? dashboardModel(summary, report.allCases).sections.find((s) => s.key === key)?.table
          : undefined;
      }
    }
    if (!table) throw new NotFoundException();
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(csvFileName(table.caption))
      .send(tableToCsv(table));
  }

  private equalOpportunity(
    caller: ApiCaller,
    user: SignedInUser,
    category: MonitoringCategory,
  ): Promise<EqualOpportunityReport | null> {
    if (!user.roles.some((r) => (EQUAL_OPPORTUNITY_ROLES as readonly string[]).includes(r))) {
      return Promise.resolve(null);
    }
    return this.api.get<EqualOpportunityReport>(caller, '/dashboard/equal-opportunity', { category });
  }
}
