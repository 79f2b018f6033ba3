/** What the API's HR dashboards answer (GET /dashboard/summary, GET /dashboard/equal-opportunity). */
export interface DashboardSummary {
  generatedAt: string;
  openCases: number;
  stages: { stage: string; openCases: number; medianDaysInStage: number | null }[];
  closedByOutcome: Record<string, number>;
  sla: {
    dvTargetWorkingDays: number;
    decidedCases: number;
    decidedWithinTarget: number;
    shareDecidedWithinTarget: number | null;
    breachedOpenByStage: Record<string, number>;
    atRiskOpenByStage: Record<string, number>;
    medianWorkingDaysByStage: Record<string, number | null>;
  };
  /** Not answered by today's API; when present the dashboard charts it (the model is ready for it). */
  funnel?: { step: string; cases: number }[];
  /** The last 12 weeks, oldest first (older APIs did not answer it; without it there is no weekly trend chart). */
  trend?: { weekStarting: string; opened: number; decided: number; decidedWithinTarget: number }[];
  /** A team lead's own team, or null for every team. */
  team?: string | null;
  /** Aftercare: appraisals overdue, renewals due, the renewal SLA share (older APIs did not answer it). */
  aftercare?: {
    appraisalsOverdue: number;
    renewalsDueWithinDays: number;
    renewalsDue: number;
    renewalsDueOpen: number;
    renewalTargetWorkingDays: number;
    renewalsDecided: number;
    renewalsDecidedWithinTarget: number;
    shareRenewalsWithinTarget: number | null;
    publishedShareRenewalsWithinTarget: number;
  };
}

/** A published count: a rounded value, or suppressed with no number. */
export interface CountCell {
  value?: number;
  suppressed?: true;
}

export interface Funnel {
  applied: CountCell;
  inProgress: CountCell;
  decided: CountCell;
  granted: CountCell;
  refused: CountCell;
  closedWithoutDecision: CountCell;
  successRate: number | null;
}

export interface EqualOpportunityReport {
  generatedAt: string;
  category: string;
  policy: { minimumCellCount: number; roundingBase: number };
  groups: (Funnel & { group: string })[];
  allCases: Funnel;
  declarationRate: number | null;
}
