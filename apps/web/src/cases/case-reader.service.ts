import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import type { Request } from 'express';
import { ApiClient } from '../api/api-client.service';
import type { ApiCaller } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { CONDITION_TYPES } from '../../../../libs/domain/src';
import type { CaseAction } from '../../../../libs/domain/src';
import { words } from '../common/view-filters';
import type { SignedInUser } from '../session/session.types';
import type { CaseDetail } from './case.types';
import { caseRef, personName } from './case.types';
import { clearanceRef } from '../aftercare/aftercare-words';
import { offeredActions } from './offered-actions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case id in a URL: anything else is a page that does not exist. */
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundException();
    return value.toLowerCase();
  }
}

/** The API asked for a reason to read a case outside the person's own queue. */
export class ReasonRequiredError extends Error {
  constructor(readonly caseId: string) {
    super('a reason is needed to read this case');
    this.name = 'ReasonRequiredError';
  }
}

/** Reasons given this session for reading cases outside one's queue, by case id (kept in the session only). */
type Reasons = Record<string, string>;

/** Reads one case as the signed-in person may see it, and works out what to offer them on it. */
@Injectable()
export class CaseReader {
  constructor(private readonly api: ApiClient) {}

  async read(req: Request, caller: ApiCaller, id: string): Promise<CaseDetail> {
    try {
      return await this.api.get<CaseDetail>(caller, `/cases/${id}`, {}, CaseReader.reasonHeader(req, id));
    } catch (error) {
      if (error instanceof ApiError && error.body.error === 'REASON_REQUIRED')
        throw new ReasonRequiredError(id);
      throw error;
    }
  }

  /** What every case page shows around its own content: header facts, sub navigation and the offered actions. */
  frame(detail: CaseDetail, user: SignedInUser, section: CaseSection): CaseFrame {
    const offered = offeredActions(detail, user);
    const base = `/cases/${detail.id}`;
    const items: { key: CaseSection; text: string; href: string }[] = [
      { key: 'overview', text: 'Overview', href: base },
      { key: 'timeline', text: 'Timeline', href: `${base}/timeline` },
      // Only cases that have baseline checks (new first DV cases) have the page.
      ...(detail.baseline
        ? [{ key: 'baseline' as const, text: 'Baseline checks', href: `${base}/baseline` }]
        : []),
      { key: 'questionnaire', text: 'Questionnaire', href: `${base}/questionnaire` },
      { key: 'checks', text: 'Record checks', href: `${base}/checks` },
      { key: 'tasks', text: 'Tasks', href: `${base}/tasks` },
      { key: 'recommendation', text: 'Recommendation', href: `${base}/recommendation` },
      { key: 'decision', text: 'Decision', href: `${base}/decision` },
    ];
    const has = (...actions: CaseAction[]): boolean => actions.some((a) => offered.includes(a));
    const nextSteps = [
      ...(has('RECORD_BASELINE_OUTCOME')
        ? [{ href: `${base}/baseline`, text: 'Review the baseline checks and record the outcome' }]
        : []),
      ...(has('ACCEPT_QUESTIONNAIRE', 'RETURN_QUESTIONNAIRE')
        ? [{ href: `${base}/questionnaire`, text: 'Review the questionnaire' }]
        : []),
      ...(has('OPEN_TASK', 'CLOSE_TASK', 'WAIVE_TASK', 'COMPLETE_STAGE')
        ? [
            {
              href: `${base}/tasks`,
              text: has('COMPLETE_STAGE') ? 'Work the tasks and complete the stage' : 'Work the tasks',
            },
          ]
        : []),
      ...(has('RECORD_RECOMMENDATION')
        ? [{ href: `${base}/recommendation`, text: 'Record the recommendation' }]
        : []),
      ...(has('RECORD_DECISION', 'RETURN_TO_INVESTIGATION')
        ? [{ href: `${base}/decision`, text: 'Record the decision' }]
        : []),
      ...(has('ASSIGN_OFFICER') ? [{ href: '/team', text: 'Assign an officer from the team queue' }] : []),
      ...(has('EXTEND_DEADLINE') ? [{ href: `${base}#extend-deadline`, text: 'Extend the deadline' }] : []),
    ];
    return {
      case: detail,
      nextSteps,
      conditionTypes: CONDITION_TYPES.map((t) => ({ value: t, text: words(t) })),
      ref: caseRef(detail.id),
      assigneeName: detail.assignee ? personName(detail, detail.assignee) : null,
      investigatingOfficerNames: detail.investigatingOfficers.map((id) => personName(detail, id)),
      base,
      renews: renewsOf(detail, user),
      rerunOf: rerunOf(detail, user),
      offered: Object.fromEntries(offered.map((a) => [a, true])),
      openTasks: detail.tasks.filter((t) => t.status === 'OPEN'),
      subNavigation: items.map((item) => ({
        text: item.text,
        href: item.href,
        active: item.key === section,
      })),
    };
  }

  /** The header that gives the API this session's reason for reading the case, when one was given. */
  static reasonHeader(req: Request, id: string): Record<string, string> {
    const reason = reasonsOf(req)[id];
    return reason ? { 'X-Access-Reason': reason } : {};
  }

  /** Remembers, for this session, why the person needs a case outside their queue. */
  static rememberReason(req: Request, id: string, reason: string): void {
    req.session.accessReasons = { ...reasonsOf(req), [id]: reason.slice(0, 500) };
  }
}

/** What every case page's template gets. */
export interface CaseFrame {
  case: CaseDetail;
  ref: string;
  /** The assigned officer's name (null when nobody is assigned). */
  assigneeName: string | null;
  investigatingOfficerNames: string[];
  base: string;
  /** On a renewal case: the clearance it renews, linked for the staff whose pages show a clearance. */
  renews: { ref: string; href: string | null } | null;
  /** On a vetting re-run a panel recommended: the appeal, linked for the staff whose pages show an appeal. */
  rerunOf: { href: string | null } | null;
  /** Offered actions as a set for templates: `{% if offered.ACCEPT_QUESTIONNAIRE %}`. */
  offered: Partial<Record<CaseAction, true>>;
  openTasks: CaseDetail['tasks'];
  conditionTypes: { value: string; text: string }[];
  /** Links to the sections where this person can act now. */
  nextSteps: { href: string; text: string }[];
  subNavigation: { text: string; href: string; active: boolean }[];
}

/** The roles whose aftercare pages show a clearance (/aftercare/clearances/<id>, as the API's clearance reads). */
const CLEARANCE_READERS = ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR'] as const;

/**
 * The clearance a renewal case renews, by its short reference; a link to its staff page only for those who may
 * open it (a team lead sees the case, not the clearance, so gets the reference alone).
 */
export function renewsOf(
  detail: Pick<CaseDetail, 'renewalOf'>,
  user: Pick<SignedInUser, 'roles'>,
): CaseFrame['renews'] {
  if (!detail.renewalOf) return null;
  const mayOpen = user.roles.some((r) => (CLEARANCE_READERS as readonly string[]).includes(r));
  return {
    ref: clearanceRef(detail.renewalOf),
    href: mayOpen ? `/aftercare/clearances/${detail.renewalOf}` : null,
  };
}

/** The roles whose pages show an appeal (/appeals/<id>, as the API's staff appeal read). */
const APPEAL_READERS = ['SENIOR_ADJUDICATOR', 'PANEL_SECRETARY'] as const;

/**
 * The appeal whose panel recommendation opened this case as a vetting re-run; a link to its page only for those who
 * may open it (an officer sees the case was re-run on appeal, not the appeal's findings).
 */
export function rerunOf(
  detail: Pick<CaseDetail, 'rerunOfAppeal'>,
  user: Pick<SignedInUser, 'roles'>,
): CaseFrame['rerunOf'] {
  if (!detail.rerunOfAppeal) return null;
  const mayOpen = user.roles.some((r) => (APPEAL_READERS as readonly string[]).includes(r));
  return { href: mayOpen ? `/appeals/${detail.rerunOfAppeal}` : null };
}

export type CaseSection =
  'overview' | 'timeline' | 'baseline' | 'questionnaire' | 'checks' | 'tasks' | 'recommendation' | 'decision';

function reasonsOf(req: Request): Reasons {
  return req.session.accessReasons ?? {};
}
