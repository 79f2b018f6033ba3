import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  DomainError,
  OPEN_STAGES,
  Principal,
  PUBLISHED_DV_RENEWAL_TARGET_SHARE,
  RENEWALS_DUE_WITHIN_DAYS,
  shareOf,
} from '../../../../libs/domain/src';
import { DashboardReadModel } from '../../../../libs/persistence/src';
import { AftercareFigures, DashboardSummaryView, SlaFigures, StageFigures } from './dashboard.views';

/** How many of the latest finished stage visits the median working days are taken over. */
const RECENT_VISITS = 10_000;

/** How many weeks the trend covers, the current one last. */
const TREND_WEEKS = 12;

/** Aggregates for HR dashboards. Only counts and durations: never a name or a finding. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly readModel: DashboardReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * What the caller may see: an admin every team's figures and the oldest case; a team lead their own team's
   * (figures and oldest case); an HR analyst every team's aggregates and no single case (its id and stage once
   * leaked to HR and to other teams' leads).
   */
  private scopeOf(principal: Principal): { team: string | null; individualCases: boolean } {
    if (principal.roles.includes('ADMIN')) return { team: null, individualCases: true };
    if (principal.roles.includes('TEAM_LEAD')) {
      if (!principal.team) throw new DomainError('FORBIDDEN', 'your token names no team to summarise');
      return { team: principal.team, individualCases: true };
    }
    return { team: null, individualCases: false };
  }

  async summary(principal: Principal): Promise<DashboardSummaryView> {
    const { team, individualCases } = this.scopeOf(principal);
    const [rows, closed, first, sla, trend, aftercare] = await Promise.all([
      this.readModel.openStages(team),
      this.readModel.closedByOutcome(team),
      individualCases ? this.readModel.oldestOpenCase(team) : Promise.resolve(null),
      this.slaFigures(team),
      this.readModel.weeklyTrend(TREND_WEEKS, team),
      this.aftercareFigures(team),
    ]);
    const byStage = new Map(rows.map((r) => [r.stage, r]));
    const stages: StageFigures[] = OPEN_STAGES.map((stage) => {
      const row = byStage.get(stage);
      return {
        stage,
        openCases: row?.open ?? 0,
        medianDaysInStage:
          row?.medianDaysInStage == null ? null : Math.round(row.medianDaysInStage * 10) / 10,
      };
    });
    return {
      team,
      sla,
      aftercare,
      generatedAt: new Date().toISOString(),
      openCases: stages.reduce((n, s) => n + s.openCases, 0),
      stages,
      closedByOutcome: Object.fromEntries(closed.map((c) => [c.outcome, c.count])),
      trend,
      oldestOpenCase: first
        ? {
            id: first.id,
            stage: first.stage,
            openedAt: first.openedAt.toISOString(),
            ageDays: Math.floor((Date.now() - first.openedAt.getTime()) / 86_400_000),
          }
        : null,
    };
  }

  /** Service-level figures: decided within the DV target, open cases past their stage deadline, working days per stage. */
  private async slaFigures(team: string | null): Promise<SlaFigures> {
    const [decided, sla, medians] = await Promise.all([
      this.readModel.decidedAgainstTarget(team),
      this.readModel.slaCountsByStage(team),
      this.medianWorkingDays(team),
    ]);
    const decidedCount = decided.decided;
    const withinCount = decided.withinTarget;
    return {
      dvTargetWorkingDays: this.config.clock.policy.targets.DV,
      decidedCases: decidedCount,
      decidedWithinTarget: withinCount,
      shareDecidedWithinTarget: shareOf(withinCount, decidedCount),
      breachedOpenByStage: Object.fromEntries(sla.map((s) => [s.stage, s.breached])),
      atRiskOpenByStage: Object.fromEntries(sla.map((s) => [s.stage, s.atRisk])),
      medianWorkingDaysByStage: medians,
    };
  }

  /**
   * Appraisals overdue, renewals due within 90 days, the renewal SLA share beside the published one. Counts of
   * clearances and decided cases, like every other figure here: no small-number suppression applies (that is for
   * the equal-opportunity breakdowns, which could single out a person's protected characteristics).
   */
  private async aftercareFigures(team: string | null): Promise<AftercareFigures> {
    const counts = await this.readModel.aftercare(RENEWALS_DUE_WITHIN_DAYS, team);
    return {
      appraisalsOverdue: counts.appraisalsOverdue,
      renewalsDueWithinDays: RENEWALS_DUE_WITHIN_DAYS,
      renewalsDue: counts.renewalsDue,
      renewalsDueOpen: counts.renewalsDueOpen,
      renewalTargetWorkingDays: this.config.clock.policy.targets.DV_RENEWAL,
      renewalsDecided: counts.renewalsDecided,
      renewalsDecidedWithinTarget: counts.renewalsWithinTarget,
      shareRenewalsWithinTarget: shareOf(counts.renewalsWithinTarget, counts.renewalsDecided),
      publishedShareRenewalsWithinTarget: PUBLISHED_DV_RENEWAL_TARGET_SHARE,
    };
  }

  /**
   * The median working days per stage over the latest finished visits, rounded to a tenth; null for a stage none of
   * them left. Counted by PostgreSQL on the clock policy's calendar (docs/read-model.md), read afresh every time.
   */
  private async medianWorkingDays(team: string | null): Promise<Record<string, number | null>> {
    const rows = await this.readModel.medianWorkingDaysByStage(
      RECENT_VISITS,
      team,
      this.config.clock.policy.calendar,
    );
    const byStage = new Map(rows.map((r) => [r.stage, Math.round(r.median * 10) / 10]));
    return Object.fromEntries(OPEN_STAGES.map((stage) => [stage, byStage.get(stage) ?? null]));
  }
}
