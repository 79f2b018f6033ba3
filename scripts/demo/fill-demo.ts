/**
 * Fills a running system with demo cases through its public API, as the people involved would: applicants
 * apply (each through a sponsor's invitation, so no case waits for a sponsor to confirm it), answer the
 * monitoring questions; the team lead assigns; they send the baseline (BPSS) declaration, which the officer
 * passes, and the questionnaire; officers accept, work the record-check reviews and investigation tasks and
 * recommend; a different adjudicator decides; some applicants and sponsors withdraw. Nothing is written to the database
 * directly, so every case is a real workflow with its history, clocks, audit rows and notices.
 */
import type { Principal } from '../../libs/domain/src';
import { addYears } from '../../libs/domain/src/eligibility/calendar-date';
import {
  demoApplication,
  demoBaselineDeclaration,
  demoMonitoringAnswers,
  demoQuestionnaire,
} from './demo-data';
import type { DemoCase, DemoTarget } from './demo-plan';
import { demoPlan, STAGE_OF_TARGET } from './demo-plan';

export interface FillDemoOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:3000 */
  api: string;
  /** A bearer token for a principal (minted with the local key, or by the test harness). */
  tokenFor: (principal: Principal) => Promise<string>;
  count: number;
  /** Applicant ids are `<prefix>-001`…; a run finding the first one's application stops (already filled). */
  prefix?: string;
  team?: string;
  concurrency?: number;
  /** How long to wait for background work (record checks) to move a case, per case. */
  stageTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface FillDemoResult {
  /** False when the demo had already been run (nothing was added). */
  filled: boolean;
  cases: { index: number; target: DemoTarget; caseId: string; stage: string }[];
}

interface ApiAnswer {
  status: number;
  body: unknown;
}

interface CaseView {
  id: string;
  stage: string;
  tasks: { id: string; kind: string; status: string }[];
  checks: { status: string }[];
}

/** How many times a request that met a busy worker (503) is tried before the demo gives up. */
const RETRIES = 10;
const ADJUDICATOR: Principal = { subject: 'adjudicator-1', roles: ['SENIOR_ADJUDICATOR'] };

/** Fills the system; see the module comment. Refuses nothing, but stops at once if the demo ran before. */
export async function fillDemo(options: FillDemoOptions): Promise<FillDemoResult> {
  const prefix = options.prefix ?? 'demo-applicant';
  const log = options.log ?? ((line: string) => console.log(line));
  const client = new DemoClient(options);
  const plan = demoPlan(options.count, prefix);
  const first = plan[0];
  if (first) {
    const existing = await client.call(applicant(first), 'GET', '/applications?pageSize=1');
    expectStatus(existing, [200], 'checking for an earlier demo');
    if ((existing.body as { total: number }).total > 0) {
      log(
        `[demo] ${first.applicantId} already has an application: the demo has been run here; nothing added.`,
      );
      return { filled: false, cases: [] };
    }
  }
  const driver = new CaseDriver(client, options);
  const cases: FillDemoResult['cases'] = [];
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const c = plan[next++];
      if (!c) return;
      const { caseId, stage } = await driver.drive(c);
      cases.push({ index: c.index, target: c.target, caseId, stage });
      done += 1;
      log(
        `[demo] ${String(done).padStart(3)}/${plan.length}  ${c.target.padEnd(26)} now ${stage.padEnd(26)} case ${caseId.slice(0, 8)}`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  // Two invitations nobody has answered yet, so sponsors see open ones too (and their chasers run).
  for (const n of [1, 2]) {
    const invited = `${prefix}-invited-${n}`;
    const res = await client.call(sponsor('sponsor-1'), 'POST', '/invitations', { applicantId: invited });
    expectStatus(res, [201, 200], 'inviting an applicant');
  }
  cases.sort((a, b) => a.index - b.index);
  return { filled: true, cases };
}

function applicant(c: DemoCase): Principal {
  return { subject: c.applicantId, roles: ['APPLICANT'] };
}
function sponsor(subject: string): Principal {
  return { subject, roles: ['SPONSOR'] };
}
function officerOf(c: DemoCase): Principal {
  return { subject: c.officer ?? 'officer-1', roles: ['VETTING_OFFICER'] };
}

function expectStatus(answer: ApiAnswer, ok: number[], what: string): void {
  if (!ok.includes(answer.status)) {
    throw new Error(
      `${what}: the API answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`,
    );
  }
}

/** JSON over HTTP with a token per principal, cached. */
class DemoClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly options: FillDemoOptions) {}

  /**
   * One request; a 503 (no worker answered in time, as on a busy machine) is retried after its Retry-After.
   * Actions carry an Idempotency-Key, so a retried action that was in fact queued applies once.
   */
  async call(
    who: Principal,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.once(who, method, path, body, headers);
      if (answer.status !== 503 || attempt >= RETRIES) return answer;
      await new Promise((resolve) => setTimeout(resolve, answer.retryAfterMs ?? 2_000));
    }
  }

  private async once(
    who: Principal,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<ApiAnswer & { retryAfterMs?: number }> {
    const key = JSON.stringify(who);
    let token = this.tokens.get(key);
    if (!token) {
      token = this.options.tokenFor(who);
      this.tokens.set(key, token);
    }
    const res = await fetch(new URL(path, this.options.api), {
      method,
      headers: {
        authorization: `Bearer ${await token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : null,
      ...(retryAfter > 0 ? { retryAfterMs: Math.min(retryAfter, 30) * 1000 } : {}),
    };
  }
}

/** Drives one case to its target, step by step, as the people who would do each step. */
class CaseDriver {
  private readonly lead: Principal;

  constructor(
    private readonly client: DemoClient,
    private readonly options: FillDemoOptions,
  ) {
    this.lead = { subject: 'lead-1', roles: ['TEAM_LEAD'], team: options.team ?? 'dv-team-1' };
  }

  async drive(c: DemoCase): Promise<{ caseId: string; stage: string }> {
    const today = new Date().toISOString().slice(0, 10);
    const caseId = await this.apply(c, today);
    await this.untilRecorded(c, caseId);
    const t = c.target;
    if (c.answersMonitoring) {
      const res = await this.client.call(
        applicant(c),
        'PUT',
        `/cases/${caseId}/monitoring`,
        demoMonitoringAnswers(c),
      );
      expectStatus(res, [200, 204], 'answering the monitoring questions');
    }
    // Screened out at once: the applicant is told "decision made"; nobody else works the case.
    if (t === 'INELIGIBLE') return { caseId, stage: STAGE_OF_TARGET[t] };
    if (c.officer) await this.act(this.lead, caseId, 'assignment', { officerId: c.officer });
    if (t === 'RESIDENCY_EXCEPTION_REVIEW' || t === 'BASELINE_AWAITING') {
      return { caseId, stage: STAGE_OF_TARGET[t] };
    }
    if (t === 'WITHDRAWN_BY_APPLICANT') {
      await this.act(applicant(c), caseId, 'withdrawal', { reason: 'I have accepted another offer' });
      return { caseId, stage: 'WITHDRAWN' };
    }
    // New DV cases stop at the baseline (BPSS) checks before the questionnaire.
    await this.passBaseline(c, caseId);
    await this.submitQuestionnaire(c, caseId, today);
    if (t === 'QUESTIONNAIRE_SUBMITTED') return { caseId, stage: 'QUESTIONNAIRE' };
    const officer = officerOf(c);
    if (t === 'QUESTIONNAIRE_RETURNED') {
      await this.act(officer, caseId, 'questionnaire/return', {
        items: ['Give the full postcode of your address from 12 years ago', 'Add your employer’s address'],
      });
      return { caseId, stage: 'QUESTIONNAIRE' };
    }
    await this.act(officer, caseId, 'questionnaire/acceptance', { notes: 'Complete and consistent' });
    if (t === 'RECORD_CHECKS') {
      // Left to the checks: most come back clear and the case moves on by itself; a trace holds it for review.
      return { caseId, stage: (await this.read(caseId, officer)).stage };
    }
    await this.untilInvestigation(caseId, officer);
    if (t === 'WITHDRAWN_BY_SPONSOR') {
      await this.act(sponsor(c.sponsorId), caseId, 'withdrawal', { reason: 'The post is no longer needed' });
      return { caseId, stage: 'WITHDRAWN' };
    }
    const view = await this.read(caseId, officer);
    const open = view.tasks.filter((task) => task.status === 'OPEN');
    if (t === 'INVESTIGATION') {
      // Work in progress: a referee contacted, an enquiry opened, the rest still to do.
      const referee = open.find((task) => task.kind === 'REFEREE');
      if (referee) {
        await this.act(officer, caseId, `tasks/${referee.id}/progress`, {
          details: { contacted: true },
          notes: 'Email sent to the referee',
        });
      }
      await this.act(officer, caseId, 'tasks', {
        kind: 'ENQUIRY',
        title: 'Confirm dates of study',
        details: { with: 'University registry' },
      });
      return { caseId, stage: 'INVESTIGATION' };
    }
    for (const task of open) {
      await this.act(officer, caseId, `tasks/${task.id}/closure`, {
        outcome: 'Completed',
        notes: 'No concerns',
      });
    }
    await this.act(officer, caseId, 'stages/INVESTIGATION/completion', { outcome: 'Investigation complete' });
    if (t === 'RECOMMENDATION') return { caseId, stage: 'RECOMMENDATION' };
    const refuse = t === 'REFUSED' || (t === 'DECISION' && c.index % 2 === 0);
    const conditions = t === 'GRANTED_WITH_CONDITIONS';
    await this.act(officer, caseId, 'recommendation', {
      recommendation: refuse ? 'REFUSE' : conditions ? 'GRANT_WITH_CONDITIONS' : 'GRANT',
      assessment: refuse ? 'Undisclosed financial difficulties' : 'No security concerns',
      risk: refuse ? 'HIGH' : conditions ? 'MEDIUM' : 'LOW',
      ...(conditions
        ? { conditions: [{ type: 'TRAVEL_RESTRICTION', detail: 'Notify travel outside Europe' }] }
        : {}),
    });
    if (t === 'DECISION') return { caseId, stage: 'DECISION' };
    await this.act(ADJUDICATOR, caseId, 'decision', decisionBody(t, today));
    return { caseId, stage: STAGE_OF_TARGET[t] };
  }

  private async apply(c: DemoCase, today: string): Promise<string> {
    const application = demoApplication(c, today);
    let invitationId: string | undefined;
    if (c.viaInvitation) {
      const invited = await this.client.call(sponsor(c.sponsorId), 'POST', '/invitations', {
        applicantId: c.applicantId,
      });
      expectStatus(invited, [200, 201], 'inviting the applicant');
      invitationId = (invited.body as { invitationId: string }).invitationId;
    }
    const res = await this.client.call(
      applicant(c),
      'POST',
      '/applications',
      { ...application, ...(invitationId ? { invitationId } : {}) },
      // The same key every run: an interrupted demo re-run finds the case it started instead of a duplicate.
      { 'Idempotency-Key': `${c.applicantId}-application` },
    );
    if (res.status === 409 && invitationId) {
      // A retry after a busy moment can find the invitation already used by this very application: the case
      // is then the applicant's own.
      const own = await this.client.call(applicant(c), 'GET', '/applications?pageSize=1');
      const existing = (own.body as { items?: { id: string }[] }).items?.[0]?.id;
      if (existing) return existing;
    }
    expectStatus(res, [200, 201, 202], 'applying');
    return (res.body as { caseId: string }).caseId;
  }

  /**
   * The applicant sends the baseline declaration; once its record check is back, the officer passes it and
   * the questionnaire opens. A case that started without a baseline stage goes straight on.
   */
  private async passBaseline(c: DemoCase, caseId: string): Promise<void> {
    const officer = officerOf(c);
    if ((await this.read(caseId, officer)).stage !== 'BASELINE_CHECKS') return;
    await this.act(applicant(c), caseId, 'baseline/submission', demoBaselineDeclaration(c));
    const deadline = Date.now() + (this.options.stageTimeoutMs ?? 120_000);
    for (;;) {
      const view = await this.read(caseId, officer);
      if (view.checks.every((check) => check.status === 'RESOLVED')) break;
      if (Date.now() > deadline)
        throw new Error(`case ${caseId.slice(0, 8)}: the baseline check did not finish`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await this.act(officer, caseId, 'baseline/outcome', { outcome: 'PASS' });
  }

  private async submitQuestionnaire(c: DemoCase, caseId: string, today: string): Promise<void> {
    const saved = await this.client.call(
      applicant(c),
      'PUT',
      `/cases/${caseId}/questionnaire/draft`,
      demoQuestionnaire(c, today),
    );
    expectStatus(saved, [200, 204], 'saving the questionnaire');
    await this.act(applicant(c), caseId, 'questionnaire/submission', {});
  }

  private actions = 0;

  private async act(who: Principal, caseId: string, path: string, body: object): Promise<void> {
    // A key per action, kept across the retries of that action.
    this.actions += 1;
    const key = `demo:${caseId}:${this.actions}`;
    const res = await this.client.call(who, 'POST', `/cases/${caseId}/${path}`, body, {
      'Idempotency-Key': key,
    });
    expectStatus(res, [200], `${path} on case ${caseId.slice(0, 8)}`);
  }

  private async read(caseId: string, who: Principal): Promise<CaseView> {
    const res = await this.client.call(who, 'GET', `/cases/${caseId}`);
    expectStatus(res, [200], 'reading the case');
    return res.body as CaseView;
  }

  /**
   * On a busy machine the API may answer an application before the worker has screened it (202); the case is
   * in the read-model, where every later step looks for it, a moment later.
   */
  private async untilRecorded(c: DemoCase, caseId: string): Promise<void> {
    const deadline = Date.now() + (this.options.stageTimeoutMs ?? 120_000);
    for (;;) {
      const res = await this.client.call(applicant(c), 'GET', `/cases/${caseId}`);
      if (res.status === 200 && (res.body as { status: string }).status !== 'RECEIVED') return;
      if (Date.now() > deadline) throw new Error(`case ${caseId.slice(0, 8)} was not screened in time`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /**
   * Waits while the record checks run, closing any review task a trace or a provider failure opened, as the
   * officer would, until the case reaches investigation.
   */
  private async untilInvestigation(caseId: string, officer: Principal): Promise<void> {
    const deadline = Date.now() + (this.options.stageTimeoutMs ?? 120_000);
    for (;;) {
      const view = await this.read(caseId, officer);
      if (view.stage === 'INVESTIGATION') return;
      for (const task of view.tasks.filter((t) => t.status === 'OPEN' && t.kind === 'CHECK_REVIEW')) {
        await this.act(officer, caseId, `tasks/${task.id}/closure`, {
          outcome: 'Reviewed: not relevant to the clearance',
          notes: 'Checked with the provider',
        });
      }
      if (Date.now() > deadline) {
        throw new Error(`case ${caseId.slice(0, 8)} did not reach investigation (it is in ${view.stage})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function decisionBody(target: DemoTarget, today: string): object {
  if (target === 'REFUSED') {
    return {
      outcome: 'REFUSED',
      disclosableReasons: ['You did not tell us about debts that we found in the financial checks.'],
      nonDisclosableReasons: ['Information from a partner agency'],
    };
  }
  if (target === 'GRANTED_WITH_CONDITIONS') {
    return {
      outcome: 'GRANTED_WITH_CONDITIONS',
      conditions: [
        { type: 'TRAVEL_RESTRICTION', detail: 'Tell your security officer before travel outside Europe' },
      ],
      reviewDueDate: addYears(today, 3),
      disclosableReasons: ['Clearance is granted with a travel condition.'],
    };
  }
  return { outcome: 'GRANTED' };
}
