import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import {
  calendarHolidays,
  DomainError,
  OPEN_STAGES,
  Principal,
  PUBLISHED_DV_RENEWAL_TARGET_SHARE,
  RENEWALS_DUE_WITHIN_DAYS,
  shareOf,
  workingDaysCounter,
} from '../../../../libs/domain/src';
import { DashboardReadModel } from '../../../../libs/persistence/src';
import { AftercareFigures, DashboardSummaryView, SlaFigures, StageFigures } from './dashboard.views';

/** How many of the latest finished stage visits the median working days are taken over. */
const RECENT_VISITS = 10_000;

/** How many weeks the trend covers, the current one last. */
const TREND_WEEKS = 12;

/**
 * How long one scope's median working days per stage are reused. They are medians over the latest 10,000 finished
 * visits, which a few more visits barely move, and reading those visits is most of a summary's cost at scale
 * (docs/read-model.md); every count in the summary is read afresh each time.
 */
const VISIT_MEDIANS_TTL_MS = 30_000;
/** Scopes (every team, or one team) whose medians are held at once; past it the oldest are dropped. */
const VISIT_MEDIANS_HELD = 64;

/** Aggregates for HR dashboards. Only counts and durations: never a name or a finding. */
@Injectable()
export class DashboardService {
  /** Median working days per stage by scope ('' for every team), with when they were read; see VISIT_MEDIANS_TTL_MS. */
  private readonly visitMedians = new Map<
    string,
    { readAt: number; medians: Promise<Record<string, number | null>> }
  >();

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

  /** The median working days per stage over the latest finished visits, reused for VISIT_MEDIANS_TTL_MS. */
  private medianWorkingDays(team: string | null): Promise<Record<string, number | null>> {
    const key = team ?? '';
    const now = Date.now();
    const held = this.visitMedians.get(key);
    if (held && now - held.readAt < VISIT_MEDIANS_TTL_MS) return held.medians;
    const medians = this.readMedianWorkingDays(team);
    this.visitMedians.delete(key);
    this.visitMedians.set(key, { readAt: now, medians });
    if (this.visitMedians.size > VISIT_MEDIANS_HELD) {
      const oldest = this.visitMedians.keys().next();
      if (!oldest.done) this.visitMedians.delete(oldest.value);
    }
    // A failed read is not reused: the next summary tries again.
    medians.catch(() => {
      if (this.visitMedians.get(key)?.medians === medians) this.visitMedians.delete(key);
    });
    return medians;
  }

  private async readMedianWorkingDays(team: string | null): Promise<Record<string, number | null>> {
    const visits = await this.readModel.stageVisits(RECENT_VISITS, team);
    const workingDays = workingDaysCounter(calendarHolidays(this.config.clock.policy.calendar));
    const byStage = new Map<string, number[]>();
    for (const v of visits) {
      const days = workingDays(v.enteredMs, v.leftMs);
      const stageDays = byStage.get(v.stage);
      if (stageDays) stageDays.push(days);
      else byStage.set(v.stage, [days]);
    }
    return Object.fromEntries(OPEN_STAGES.map((stage) => [stage, median(byStage.get(stage) ?? [])]));
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}
