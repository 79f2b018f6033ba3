import type {
  ReviewAssigneeFilter,
  ChangeKind,
  ClearanceAction,
  ClearanceActor,
  ClearanceStatus,
  ReviewOutcome,
  ReviewTaskKind,
} from '../../../../libs/domain/src';
import {
  CHANGE_KINDS,
  clearanceAllows,
  isEndedClearance,
  LINE_MANAGER_SEARCH_MAX_LENGTH,
  LINE_MANAGER_SEARCH_MIN_LENGTH,
  lineManagerSearchTermProblem,
  REVIEW_OUTCOMES,
  successionPending,
} from '../../../../libs/domain/src';

/** The coarse view of a clearance (apps/api ClearanceView): what its holder and its sponsor see. */
export interface ClearanceView {
  clearanceId: string;
  level: 'DV';
  status: ClearanceStatus;
  grantedOn: string;
  renewalDue: string;
  appraisal: {
    n: number;
    status: 'DUE' | 'SUBMITTED' | 'OVERDUE';
    dueAt: string;
    /** Years with a line manager's part: when each part came in (null while outstanding). */
    parts?: { holder: string | null; lineManager: string | null };
  } | null;
  endedAt: string | null;
  /** The holder's line manager (a staff id), once the sponsor has named one. */
  lineManagerId?: string;
  /**
   * The sponsor's view only, beside lineManagerId: their name from the staff directory; null when the directory
   * no longer knows the id (absent from the holder's view and from an API that predates it).
   */
  lineManagerName?: string | null;
  /** The latest renewal case, once one was opened (absent from an API that predates renewal). */
  renewal?: RenewalView;
}

/** What the holder's line manager sees (apps/api LineManagerClearanceView). */
export interface LineManagerClearanceView {
  clearanceId: string;
  holderId: string;
  /** The holder's name (null when the granting case recorded none; absent from an API that predates it). */
  holderName?: string | null;
  level: 'DV';
  status: ClearanceStatus;
  grantedOn: string;
  renewalDue: string;
  appraisal: ClearanceView['appraisal'];
  endedAt: string | null;
  /** The latest renewal case, once one was opened (absent from an API that predates renewal). */
  renewal?: RenewalView;
}

/** A clearance's latest renewal case (apps/api RenewalView). */
export interface RenewalView {
  caseId: string;
  status: 'OPEN' | 'GRANTED' | 'REFUSED' | 'CLOSED';
  openedAt: string;
  closedAt: string | null;
  successorId: string | null;
  /**
   * When the clearance accepted the granted renewal's successor: while the renewal is OPEN, it is being replaced
   * and takes no other end (absent from an API that predates it).
   */
  successionAcceptedAt?: string | null;
}

/** What officers and adjudicators see (apps/api ClearanceStaffView). */
export interface ClearanceStaffView extends ClearanceView {
  caseId: string;
  holderId: string;
  sponsorId: string | null;
  tasks: {
    taskId: string;
    kind: ReviewTaskKind;
    openedAt: string;
    status: 'OPEN' | 'CLOSED';
    outcome: ReviewOutcome | null;
    reviewedBy: string | null;
    /** The officer the task is assigned to; null (or absent, from an older API) while unassigned. */
    assignee?: string | null;
    /** Record checks re-run for a change report (absent on other tasks and older reports). */
    checks?: ChangeCheckView[];
  }[];
  reviewers: string[];
  withdrawal: { by: string; at: string; disclosableReasons: string } | null;
  /** An officer's review referred it to a senior adjudicator, still undecided (absent from an older API). */
  referralOpen?: boolean;
  /** The conditions it is held under now (absent from an API that predates them). */
  conditions?: { type: string; detail: string }[];
}

/**
 * A clearance's status as its holder or sponsor is told it: a word for the tag and a sentence that says what it
 * means for them, never why (reasons are the vetting team's, and the notices that announce changes are discreet).
 */
export function clearanceStatusInWords(status: ClearanceStatus): {
  text: string;
  colour: string;
  detail: string;
} {
  switch (status) {
    case 'VALID':
      return { text: 'Valid', colour: 'green', detail: 'The clearance is in force.' };
    case 'SUSPENDED':
      return {
        text: 'Suspended',
        colour: 'orange',
        detail:
          'The clearance is on hold for now. The vetting team will be in touch about what happens next.',
      };
    case 'WITHDRAWN':
      return {
        text: 'Withdrawn',
        colour: 'red',
        detail: 'The clearance has been withdrawn and is no longer in force.',
      };
    case 'EXPIRED':
      return {
        text: 'Expired',
        colour: 'grey',
        detail: 'The clearance reached its review date and is no longer in force.',
      };
    case 'LAPSED':
      return { text: 'Ended', colour: 'grey', detail: 'The clearance ended when the post it was for ended.' };
    case 'RENEWED':
      return { text: 'Renewed', colour: 'blue', detail: 'The clearance has been replaced by its renewal.' };
  }
}

/** The kinds of change a holder reports, as the radios say them, with a hint and the questions that follow. */
export const CHANGE_KIND_WORDS: Record<
  ChangeKind,
  { text: string; hint: string; details: string; when: string }
> = {
  NEW_PARTNER: {
    text: 'A new partner',
    hint: 'Marriage, civil partnership or living together',
    details: 'Tell us about your new partner: their full name, date of birth and nationality',
    when: 'When did the relationship start?',
  },
  NEW_CO_RESIDENT: {
    text: 'Someone aged 18 or over has moved in',
    hint: 'Not a partner: a lodger, a relative or a friend',
    details: 'Tell us who has moved in: their full name, date of birth and nationality',
    when: 'When did they move in?',
  },
  FINANCIAL_CHANGE: {
    text: 'A significant change in your finances',
    hint: 'For example, a large debt, a county court judgment or an inheritance',
    details: 'Tell us what has changed in your finances',
    when: 'When did it happen?',
  },
  POLICE_CONTACT: {
    text: 'Contact with the police',
    hint: 'An arrest, a caution, a charge or a conviction',
    details: 'Tell us what happened',
    when: 'When did it happen?',
  },
  NEW_NATIONALITY: {
    text: 'A new nationality',
    hint: 'Including a second passport',
    details: 'Tell us which nationality and how you acquired it',
    when: 'When did you acquire it?',
  },
  FOREIGN_TRAVEL: {
    text: 'Foreign travel of note',
    hint: 'Travel to a country your security briefing told you to report',
    details: 'Tell us where you are going or went, and why',
    when: 'When does or did the trip start?',
  },
};

/** A change kind from a form, or undefined. */
export function changeKindOf(value: string): ChangeKind | undefined {
  return CHANGE_KINDS.find((k) => k === value);
}

/** Why an officer has a review task, in words. */
export const TASK_KIND_WORDS: Record<ReviewTaskKind, string> = {
  CHANGE_OF_CIRCUMSTANCES: 'Change of circumstances',
  APPRAISAL_CONCERN: 'Appraisal raised a concern',
  INCIDENT: 'Incident reported by the sponsor',
};

/** What an officer concludes, as the radios say it. */
export const REVIEW_OUTCOME_WORDS: Record<ReviewOutcome, { text: string; hint: string }> = {
  NO_CHANGE: { text: 'No change', hint: 'The clearance stays as it is' },
  CONDITIONS_CHANGED: {
    text: 'Conditions added or changed',
    hint: 'Set the conditions it is held under from now on, below',
  },
  REFER_TO_ADJUDICATOR: {
    text: 'Refer to a senior adjudicator',
    hint: 'To consider suspending or withdrawing the clearance',
  },
};

/** A review outcome from a form, or undefined. */
export function reviewOutcomeOf(value: string): ReviewOutcome | undefined {
  return REVIEW_OUTCOMES.find((o) => o === value);
}

/** The clearance as the domain's rules read it: its status and, when the API gave one, its renewal. */
function factsOf(
  clearance: Pick<ClearanceView, 'status' | 'renewal'>,
): Parameters<typeof clearanceAllows>[0] {
  const { renewal } = clearance;
  return {
    status: clearance.status,
    renewal: renewal
      ? {
          caseId: renewal.caseId,
          status: renewal.status,
          successionAcceptedAt: renewal.successionAcceptedAt ?? null,
        }
      : null,
  };
}

/**
 * Whether the clearance as it is now lets `as` take `action`: the transition table's row for its status, less the
 * ends a pending succession refuses (the domain's clearanceAllows, the rule the API applies first).
 */
export function allows(
  clearance: Pick<ClearanceView, 'status' | 'renewal'>,
  action: ClearanceAction,
  as: ClearanceActor,
): boolean {
  return clearanceAllows(factsOf(clearance), action, as);
}

/** Whether the clearance is being replaced by its granted renewal (and so takes no other end). */
export function beingReplaced(clearance: Pick<ClearanceView, 'status' | 'renewal'>): boolean {
  return successionPending(factsOf(clearance));
}

/**
 * What the page says instead of the ends it no longer offers while the clearance is being replaced by its renewal,
 * in the reader's terms (the sponsor reports a leaver, an adjudicator withdraws), or null when it is not.
 */
export function beingReplacedInWords(
  clearance: Pick<ClearanceView, 'status' | 'renewal'>,
  as: 'SPONSOR' | 'VETTING_OFFICER' | 'SENIOR_ADJUDICATOR',
): string | null {
  if (!beingReplaced(clearance)) return null;
  const then =
    as === 'SPONSOR'
      ? 'You cannot report that the holder has left against this clearance. Once the new clearance is shown here, report it against the new clearance.'
      : as === 'SENIOR_ADJUDICATOR'
        ? 'It cannot be withdrawn now. Once the new clearance is shown here, withdraw the new clearance if you need to.'
        : 'It cannot be withdrawn or ended now. Any action is for the new clearance, shown here once it is ready.';
  return `This clearance is being replaced by its renewal, which has been granted. ${then}`;
}

/** Whether the holder has an appraisal to send now (the rule the API applies to SUBMIT_APPRAISAL). */
export function appraisalOpen(clearance: ClearanceView): boolean {
  return (
    allows(clearance, 'SUBMIT_APPRAISAL', 'HOLDER') &&
    clearance.appraisal !== null &&
    clearance.appraisal.status !== 'SUBMITTED' &&
    !clearance.appraisal.parts?.holder
  );
}

/** Whether the line manager's part of this year's appraisal is awaited (only years that have one). */
export function managerAppraisalOpen(
  clearance: Pick<ClearanceView, 'status' | 'appraisal' | 'renewal'>,
): boolean {
  const a = clearance.appraisal;
  return (
    allows(clearance, 'SUBMIT_MANAGER_APPRAISAL', 'LINE_MANAGER') &&
    a !== null &&
    a.status !== 'SUBMITTED' &&
    !!a.parts &&
    !a.parts.lineManager
  );
}

/**
 * The adjudicator's actions the API would accept from `subject` now: four eyes keep a reviewer from withdrawing
 * and from deciding a referral; a referral is left valid only while one is open.
 */
export function adjudicatorActions(
  clearance: Pick<ClearanceStaffView, 'status' | 'reviewers' | 'referralOpen' | 'renewal'>,
  subject: string,
): { suspend: boolean; restore: boolean; withdraw: boolean; leaveValid: boolean; reviewedIt: boolean } {
  const reviewedIt = clearance.reviewers.includes(subject);
  return {
    suspend: allows(clearance, 'SUSPEND', 'SENIOR_ADJUDICATOR'),
    restore: allows(clearance, 'RESTORE', 'SENIOR_ADJUDICATOR'),
    withdraw: allows(clearance, 'WITHDRAW', 'SENIOR_ADJUDICATOR') && !reviewedIt,
    leaveValid:
      allows(clearance, 'CLOSE_REFERRAL', 'SENIOR_ADJUDICATOR') &&
      clearance.referralOpen === true &&
      !reviewedIt,
    reviewedIt,
  };
}

/** The short reference of a clearance, as people say it (the first 8 characters of its id, like a case's). */
export function clearanceRef(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

/** A renewal's status as staff and the sponsor see it: a tag and a sentence (never why a renewal was refused). */
export function renewalInWords(renewal: RenewalView): { text: string; colour: string; detail: string } {
  switch (renewal.status) {
    case 'OPEN':
      // Granted, and the clearance has accepted its successor: the new clearance is being set up.
      if (renewal.successionAcceptedAt)
        return {
          text: 'Granted',
          colour: 'green',
          detail: 'The renewal was granted. A new clearance is being set up to replace this one.',
        };
      return {
        text: 'Under way',
        colour: 'light-blue',
        detail: 'The renewal case is open. The clearance stays in force until the renewal is decided.',
      };
    case 'GRANTED':
      return {
        text: 'Renewed',
        colour: 'green',
        detail: 'The renewal was granted: a new clearance replaces this one.',
      };
    case 'REFUSED':
      return { text: 'Not renewed', colour: 'red', detail: 'The renewal was not granted.' };
    case 'CLOSED':
      return {
        text: 'Closed',
        colour: 'grey',
        detail: 'The renewal case closed without a decision. Another renewal can be started.',
      };
  }
}

/**
 * Whether `as` may start a renewal now: the rule the API applies to OPEN_RENEWAL (a valid clearance, with no
 * renewal open and not renewed already). A refused or closed renewal leaves the clearance free to be renewed again.
 */
export function mayStartRenewal(
  clearance: Pick<ClearanceView, 'status' | 'renewal'>,
  as: 'SPONSOR' | 'VETTING_OFFICER',
): boolean {
  const renewal = clearance.renewal?.status;
  return allows(clearance, 'OPEN_RENEWAL', as) && renewal !== 'OPEN' && renewal !== 'GRANTED';
}

/** Why a renewal cannot be started, in plain words, for the clearance as it is now (after the API's 409). */
export function renewalRefusedInWords(clearance: Pick<ClearanceView, 'status' | 'renewal'>): string {
  if (clearance.renewal?.status === 'OPEN')
    return 'A renewal of this clearance is already under way. You cannot start another one.';
  if (clearance.renewal?.status === 'GRANTED' || clearance.status === 'RENEWED')
    return 'This clearance has already been renewed. Any further renewal is of the new clearance.';
  return `This clearance cannot be renewed now: it is ${clearanceStatusInWords(clearance.status).text.toLowerCase()}.`;
}

/** How soon ahead of the review date the holder is told that a renewal is due (the first reminder, 26 weeks). */
export const RENEWAL_DUE_NOTICE_DAYS = 182;

/**
 * What the holder is told of renewal on their clearance's page, in discreet words: under way (with their part in
 * it), due soon, or nothing. Never who started it or why.
 */
export function holderRenewal(
  clearance: Pick<ClearanceView, 'status' | 'renewal' | 'renewalDue'>,
  today: string,
): 'UNDER_WAY' | 'DUE' | null {
  if (isEndedClearance(clearance.status)) return null;
  if (clearance.renewal?.status === 'OPEN') return 'UNDER_WAY';
  const days = (Date.parse(clearance.renewalDue) - Date.parse(today)) / 86_400_000;
  return days <= RENEWAL_DUE_NOTICE_DAYS ? 'DUE' : null;
}

/** A record check re-run for a change report, as the API gives it. */
export interface ChangeCheckView {
  checkType: string;
  status: 'RUNNING' | 'RESULT' | 'TIMED_OUT' | 'FAILED' | 'CANCELLED';
  outcome: 'CLEAR' | 'TRACE' | 'NEEDS_REVIEW' | null;
  startedAt: string;
  resolvedAt: string | null;
}

const CHECK_STATUS_WORDS: Record<ChangeCheckView['status'], { text: string; colour: string }> = {
  RUNNING: { text: 'Awaiting result', colour: 'govuk-tag--grey' },
  RESULT: { text: 'Result', colour: 'govuk-tag--blue' },
  TIMED_OUT: { text: 'No answer in time', colour: 'govuk-tag--orange' },
  FAILED: { text: 'Provider refused', colour: 'govuk-tag--orange' },
  CANCELLED: { text: 'Cancelled', colour: 'govuk-tag--grey' },
};
const CHECK_OUTCOME_WORDS: Record<
  NonNullable<ChangeCheckView['outcome']>,
  { text: string; colour: string }
> = {
  CLEAR: { text: 'Clear', colour: 'govuk-tag--green' },
  TRACE: { text: 'Trace found', colour: 'govuk-tag--red' },
  NEEDS_REVIEW: { text: 'Needs review', colour: 'govuk-tag--orange' },
};

/** How the officer's review page shows a re-run check: its result, or why it has none. */
export function changeCheckInWords(check: ChangeCheckView): { text: string; colour: string } {
  if (check.status === 'RESULT' && check.outcome) return CHECK_OUTCOME_WORDS[check.outcome];
  return CHECK_STATUS_WORDS[check.status];
}

/** Who a review task is assigned to, in the queue's words: you, nobody yet, or the officer's staff ID. */
export function assigneeInWords(assignee: string | null | undefined, me: string): string {
  if (!assignee) return 'Unassigned';
  return assignee === me ? 'You' : assignee;
}

/** An officer as the team lead's pickers show them. */
export interface OfficerChoice {
  id: string;
  name: string;
}

/**
 * The line manager as the sponsor's clearance page names them: "Name (staff ID)", the ID alone from an API that
 * sends no name, and saying so when the staff directory no longer knows the ID (they may have left).
 */
export function lineManagerInWords(
  clearance: Pick<ClearanceView, 'lineManagerId' | 'lineManagerName'>,
): string {
  const id = clearance.lineManagerId;
  if (!id) return 'Not named';
  if (clearance.lineManagerName === undefined) return id;
  if (clearance.lineManagerName === null) return `${id} (no longer in the staff directory)`;
  return `${clearance.lineManagerName} (${id})`;
}

/**
 * The holder's line manager as the holder's page shows them: by name (the staff directory's, through the API's
 * `lineManagerName`), never by their sign-in id.
 */
export function holderLineManagerInWords(
  clearance: Pick<ClearanceView, 'lineManagerId' | 'lineManagerName'>,
): string {
  if (!clearance.lineManagerId) return 'Not named yet. Your sponsor names them.';
  return clearance.lineManagerName ?? 'Named by your sponsor (their name is not recorded)';
}

/** What is wrong with a name typed to find a line manager, in the error summary's words, or null. */
export function lineManagerSearchTermInWords(term: string): string | null {
  switch (lineManagerSearchTermProblem(term)) {
    case 'EMPTY':
      return "Enter the line manager's name";
    case 'TOO_SHORT':
      return `Enter at least ${LINE_MANAGER_SEARCH_MIN_LENGTH} letters of the line manager's name`;
    case 'TOO_LONG':
      return `The name must be ${LINE_MANAGER_SEARCH_MAX_LENGTH} characters or fewer`;
    case null:
      return null;
  }
}

/** A line manager a sponsor's search found (apps/api LineManagerCandidateView). */
export interface LineManagerFound {
  lineManagerId: string;
  displayName: string;
  team: string | null;
}

/**
 * The people a search found, as GOV.UK radios: by name, with their team as the hint so two of the same name can be
 * told apart, `chosen` checked when the page is shown again.
 */
export function lineManagerRadioItems(
  found: readonly LineManagerFound[],
  chosen: string | undefined,
): { value: string; text: string; hint: { text: string }; checked: boolean }[] {
  return found.map((f) => ({
    value: f.lineManagerId,
    text: f.displayName,
    hint: { text: f.team ? `Team: ${f.team}` : 'No team recorded' },
    checked: f.lineManagerId === chosen,
  }));
}

/** Who a task is assigned to, for a team lead: the officer's name where the staff directory has it. */
export function assigneeNameInWords(
  assignee: string | null | undefined,
  officers: readonly OfficerChoice[],
): string {
  if (!assignee) return 'Unassigned';
  return officers.find((o) => o.id === assignee)?.name ?? assignee;
}

/**
 * The team lead's choice of officer for a review task, as GOV.UK radios: the officers of their team but the one
 * who has it already (assigning them again is refused), `chosen` checked when the page is shown again.
 */
export function officerRadioItems(
  officers: readonly OfficerChoice[],
  current: string | null,
  chosen: string | undefined,
): { value: string; text: string; checked: boolean }[] {
  return officers
    .filter((o) => o.id !== current)
    .map((o) => ({ value: o.id, text: o.name, checked: o.id === chosen }));
}

const ASSIGNEE_FILTER_WORDS: Record<ReviewAssigneeFilter, string> = {
  me: 'Assigned to me',
  none: 'Unassigned',
};

/**
 * The review queue's MOJ filter: "Assigned to" radios (anyone, me, unassigned) for its GET form, and the selected
 * filter as a tag that removes it.
 */
export function reviewFilterView(
  base: string,
  assignee: ReviewAssigneeFilter | undefined,
  options: { mine?: boolean } = {},
): object {
  // "Assigned to me" only for those who may be assigned (an officer); a team lead has no tasks of their own.
  const filters: ReviewAssigneeFilter[] = options.mine === false ? ['none'] : ['me', 'none'];
  return {
    assigneeItems: [
      { value: '', text: 'Anyone', checked: !assignee },
      ...filters.map((f) => ({
        value: f,
        text: ASSIGNEE_FILTER_WORDS[f],
        checked: assignee === f,
      })),
    ],
    selectedFilters: assignee
      ? {
          heading: { text: 'Selected filters' },
          clearLink: { text: 'Clear filters', href: base },
          categories: [
            {
              heading: { text: 'Assigned to' },
              items: [{ href: base, text: ASSIGNEE_FILTER_WORDS[assignee] }],
            },
          ],
        }
      : undefined,
  };
}
