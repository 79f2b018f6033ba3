import type { ApplicationInput } from '../../libs/contracts/src';
import type { Principal } from '../../libs/domain/src';
import type { ApiHarness } from './api-harness';
import { eligibleApplication } from './fixtures';
import { adjudicator, admin, lead, newApplicant, officer } from './principals';
import { completeBaselineDeclaration, completeQuestionnaire } from './questionnaire-fixture';
import { invitationFrom } from './invite';
import { until } from './until';

/** Worker settings that make the built-in simulated provider answer in a fraction of a second, all CLEAR. */
export const FAST_CHECKS_ENV: NodeJS.ProcessEnv = {
  SIMULATED_PROVIDER_LATENCY_MS: '150',
  SIMULATED_PROVIDER_OUTCOMES: '{"CLEAR":1,"TRACE":0,"NEEDS_REVIEW":0}',
  RECORD_CHECK_POLL_INTERVAL_MS: '150',
  RECORD_CHECK_TIMEOUT_MS: '60000',
};

/** The parts of a case detail the DV tests read. */
export interface CaseDetail {
  id: string;
  stage: string;
  status: string;
  assignee: string | null;
  questionnaire: { status: string; version: number; returnedItems: string[] } | null;
  tasks: {
    id: string;
    kind: string;
    status: string;
    title: string;
    replaces: string | null;
    outcome: string | null;
  }[];
  checks: { checkType: string; status: string; outcome: string | null }[];
  decision: { outcome: string; disclosableReasons: string[]; nonDisclosableReasons: string[] } | null;
  dvClockStartedAt: string | null;
  /** Baseline (BPSS) checks, with the figures the case started with (absent on cases from before them). */
  baseline?: { status: string; policy?: { historyYears: number; abroadMinimumMonths: number } } | null;
  history: { seq: number; action: string; actor: string; payload: Record<string, unknown> }[];
  allowedActions: string[];
  alerts: { activity: string; occurredAt: string; meaning: string; advice: string }[];
}

/** A DV case driven over HTTP by the people who would drive it. */
export class DvFlow {
  constructor(private readonly api: ApiHarness) {}

  /** A new case; with `sponsor`, applied for through that sponsor's invitation (the only way to be sponsored). */
  async newCase(
    application: ApplicationInput = eligibleApplication(),
    sponsor?: Principal,
    applicant: Principal = newApplicant(),
  ): Promise<{ caseId: string; applicant: Principal }> {
    const invitationId = sponsor ? await invitationFrom(this.api, sponsor, applicant) : undefined;
    const res = await this.api
      .as(applicant)
      .post('/applications', invitationId ? { ...application, invitationId } : application);
    if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
    return { caseId: (res.body as { caseId: string }).caseId, applicant };
  }

  /** The full case, read by an admin (who gives a reason, and is audited for it). */
  async inspect(caseId: string): Promise<CaseDetail> {
    const res = await this.api
      .as(admin)
      .get(`/cases/${caseId}`, { 'X-Access-Reason': 'end-to-end test verification' });
    if (res.status !== 200) throw new Error(`cannot read case: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseDetail;
  }

  act(who: Principal, caseId: string, path: string, body: object = {}, key?: string) {
    return this.api.as(who).post(`/cases/${caseId}/${path}`, body, key ? { 'Idempotency-Key': key } : {});
  }

  async expectOk(who: Principal, caseId: string, path: string, body: object = {}): Promise<void> {
    const res = await this.act(who, caseId, path, body);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  /**
   * Steps a new case through baseline (BPSS) checks when it is in them: the applicant declares, the assigned
   * officer (assigned now if nobody is) waits for the BPSS record check and passes it. A no-op otherwise.
   */
  async passBaseline(applicant: Principal, caseId: string, assignee: Principal = officer): Promise<void> {
    const current = await this.inspect(caseId);
    if (current.stage !== 'BASELINE_CHECKS') return;
    if (!current.assignee) {
      await this.api.enrol(assignee);
      await this.expectOk(lead, caseId, 'assignment', { officerId: assignee.subject });
    }
    await this.expectOk(applicant, caseId, 'baseline/submission', completeBaselineDeclaration());
    await this.waitForBaselineCheck(caseId);
    await this.expectOk(assignee, caseId, 'baseline/outcome', { outcome: 'PASS' });
  }

  /** Waits for the BPSS record check a baseline declaration starts to have its result (PASS needs it). */
  async waitForBaselineCheck(caseId: string): Promise<void> {
    await until(
      `the baseline record check on ${caseId}`,
      async () => {
        const { checks } = await this.inspect(caseId);
        return (
          checks.some((c) => c.checkType === 'BASIC_CRIMINAL_RECORD' && c.status === 'RESOLVED') || undefined
        );
      },
      45_000,
      250,
    );
  }

  /**
   * Waits for a new case to be screened, passes its baseline checks (when it has them: first DV applications
   * do) and waits for the questionnaire: where most suites want a fresh case.
   */
  async toQuestionnaire(
    caseId: string,
    applicant: Principal,
    assignee: Principal = officer,
  ): Promise<CaseDetail> {
    await until(
      `case ${caseId} to be screened`,
      async () => {
        const { stage } = await this.inspect(caseId);
        return stage === 'BASELINE_CHECKS' || stage === 'QUESTIONNAIRE' || undefined;
      },
      45_000,
      250,
    );
    await this.passBaseline(applicant, caseId, assignee);
    return this.waitForStage(caseId, 'QUESTIONNAIRE');
  }

  async submitQuestionnaire(
    applicant: Principal,
    caseId: string,
    content: object = completeQuestionnaire(),
    assignee: Principal = officer,
  ): Promise<void> {
    await this.passBaseline(applicant, caseId, assignee);
    const saved = await this.api.as(applicant).put(`/cases/${caseId}/questionnaire/draft`, content);
    if (saved.status !== 204) throw new Error(`draft refused: ${saved.status} ${JSON.stringify(saved.body)}`);
    await this.expectOk(applicant, caseId, 'questionnaire/submission');
  }

  /** Polls the case until it reaches `stage` (record checks run by themselves in the background). */
  async waitForStage(caseId: string, stage: string, timeoutMs = 45_000): Promise<CaseDetail> {
    let last: CaseDetail | undefined;
    const probe = async (): Promise<CaseDetail | undefined> => {
      last = await this.inspect(caseId);
      return last.stage === stage ? last : undefined;
    };
    return until(`case ${caseId} to reach ${stage}`, probe, timeoutMs, 250).catch((error: unknown) => {
      throw new Error(`${String(error)}; it is ${last?.stage}: ${JSON.stringify(last?.checks)}`);
    });
  }

  /**
   * `holder` applies through `sponsor`'s invitation, the case is driven through the DV stages and granted; the
   * id of the clearance it holds, once its aftercare has started.
   */
  async grantedByInvitation(sponsor: Principal, holder: Principal): Promise<string> {
    const invitationId = await invitationFrom(this.api, sponsor, holder);
    const res = await this.api.as(holder).post('/applications', { ...eligibleApplication(), invitationId });
    if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
    const caseId = (res.body as { caseId: string }).caseId;
    await this.toDecision(caseId, holder);
    await this.expectOk(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
    return this.heldClearanceId(holder);
  }

  /**
   * The id of `holder`'s clearance once its clearance-held workflow has written its first snapshot (after a
   * grant; the workflow is then running and takes aftercare actions).
   */
  async heldClearanceId(holder: Principal, timeoutMs = 60_000): Promise<string> {
    const held = await until(
      'the held clearance',
      async () => {
        const res = await this.api.as(holder).get('/clearances/mine');
        return (res.body as { items: { clearanceId: string }[] }).items[0];
      },
      timeoutMs,
      250,
    );
    return held.clearanceId;
  }

  /** Assigned, questionnaire submitted and accepted: record checks are running. */
  async toRecordChecks(caseId: string, applicant: Principal, assignee: Principal = officer): Promise<void> {
    // An officer is assigned only once the staff directory knows them (as after their first sign-in).
    await this.api.enrol(assignee);
    await this.expectOk(lead, caseId, 'assignment', { officerId: assignee.subject });
    await this.submitQuestionnaire(applicant, caseId, completeQuestionnaire(), assignee);
    await this.expectOk(assignee, caseId, 'questionnaire/acceptance');
  }

  async toInvestigation(
    caseId: string,
    applicant: Principal,
    assignee: Principal = officer,
  ): Promise<CaseDetail> {
    await this.toRecordChecks(caseId, applicant, assignee);
    return this.waitForStage(caseId, 'INVESTIGATION');
  }

  /** Closes every open task with an outcome. */
  async settleTasks(caseId: string, assignee: Principal = officer): Promise<void> {
    for (const task of (await this.inspect(caseId)).tasks.filter((t) => t.status === 'OPEN')) {
      await this.expectOk(assignee, caseId, `tasks/${task.id}/closure`, {
        outcome: 'done',
        notes: 'no concerns',
      });
    }
  }

  async toDecision(caseId: string, applicant: Principal, assignee: Principal = officer): Promise<void> {
    await this.toInvestigation(caseId, applicant, assignee);
    await this.settleTasks(caseId, assignee);
    await this.expectOk(assignee, caseId, 'stages/INVESTIGATION/completion', {
      outcome: 'investigation complete',
    });
    await this.expectOk(assignee, caseId, 'recommendation', {
      recommendation: 'GRANT',
      assessment: 'low risk',
      risk: 'LOW',
    });
  }
}
