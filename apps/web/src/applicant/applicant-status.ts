import type { ApplicantStatus, BaselinePolicy } from '../../../../libs/domain/src';
import { baselinePolicyWords } from './baseline-sections';

/** An application as its applicant sees it (apps/api ApplicantCaseView): the coarse status, never the stage. */
export interface ApplicantCase {
  id: string;
  status: ApplicantStatus;
  openedAt: string;
  itemsToFix?: string[];
  /** Only while the case is in its baseline (BPSS) checks: where the applicant's declaration stands. */
  baselineStatus?: 'AWAITING' | 'SUBMITTED' | 'NEEDS_INFORMATION';
  /** With baselineStatus: the figures the case's declaration is judged by (absent from an older API: published). */
  baselinePolicy?: BaselinePolicy;
  outcome?: 'GRANTED' | 'NOT_GRANTED';
  message?: string;
  reasons?: string[];
  /** Only on the renewal of a clearance the applicant holds: that clearance. */
  renewalOf?: string;
}

/** The status as the page shows it: a tag, and what it means for the applicant in a sentence or two. */
export interface StatusInWords {
  tag: string;
  colour: 'blue' | 'light-blue' | 'orange' | 'green' | 'red' | 'grey';
  explanation: string;
}

/** The applicant's four words (and "closed"), as DOMAIN.md's applicant-facing vocabulary has them. */
export const APPLICANT_STATUS_WORDS: Record<ApplicantStatus, StatusInWords> = {
  WAITING_FOR_SPONSOR: {
    tag: 'Waiting for your sponsor',
    colour: 'blue',
    explanation:
      'We have your application. The sponsor you named needs to confirm it before we can start. You do not need to do anything.',
  },
  RECEIVED: {
    tag: 'Received',
    colour: 'blue',
    explanation:
      'We have your application and are checking that you can apply. You do not need to do anything.',
  },
  IN_PROGRESS: {
    tag: 'In progress',
    colour: 'light-blue',
    explanation:
      'Your vetting is under way. You do not need to do anything now; we will send you a message if we need something from you.',
  },
  ACTION_NEEDED: {
    tag: 'Action needed',
    colour: 'orange',
    explanation: 'We need something from you: complete and send your security questionnaire.',
  },
  DECISION_MADE: {
    tag: 'Decision made',
    colour: 'green',
    explanation: 'A decision has been made on your application.',
  },
  CLOSED: {
    tag: 'Closed',
    colour: 'grey',
    explanation:
      'Your application is closed without a decision: it was withdrawn, or it lapsed because we did not hear from you.',
  },
};

/** Only an application still being worked on can be withdrawn (the API refuses the rest). */
export function mayWithdraw(status: ApplicantStatus): boolean {
  return (
    status === 'WAITING_FOR_SPONSOR' ||
    status === 'RECEIVED' ||
    status === 'IN_PROGRESS' ||
    status === 'ACTION_NEEDED'
  );
}

/** The baseline (BPSS) task as the status page shows it: what it means now, and its status on the task list. */
export interface BaselineTaskWords {
  explanation: string;
  status: string;
  tag?: string;
  /** What the task asks for, under the case's figures. */
  hint: string;
}

/** The baseline task's words for where the declaration stands, naming the case's own figures. */
export function baselineTaskWords(
  status: NonNullable<ApplicantCase['baselineStatus']>,
  policy?: BaselinePolicy,
  draftSaved = false,
): BaselineTaskWords {
  const { history } = baselinePolicyWords(policy);
  const hint = `Your identity document, your right to work in the UK, your employment in ${history}, unspent convictions and time outside the UK`;
  switch (status) {
    case 'AWAITING':
      // Answers saved to come back to: the task list pattern's "In progress" (sending forgets the draft).
      if (draftSaved)
        return {
          explanation: `We need something from you: finish telling us about your identity, your right to work in the UK and what you have done in ${history}, for the baseline checks. We have kept the answers you saved.`,
          status: 'In progress',
          tag: 'govuk-tag--light-blue',
          hint,
        };
      return {
        explanation: `We need something from you: tell us about your identity, your right to work in the UK and what you have done in ${history}, for the baseline checks.`,
        status: 'Not started',
        tag: 'govuk-tag--blue',
        hint,
      };
    case 'NEEDS_INFORMATION':
      return {
        explanation: 'We need more information from you for the baseline checks.',
        status: 'More information needed',
        tag: 'govuk-tag--red',
        hint,
      };
    case 'SUBMITTED':
      return {
        explanation:
          'We have your answers for the baseline checks and are checking them. You do not need to do anything now.',
        status: 'Submitted',
        hint,
      };
  }
}

/** What the status page says of a renewal, and of one in the list of earlier applications. */
export const RENEWAL_WORDS = {
  sentence: 'This is the renewal of your clearance.',
  short: 'renewal of your clearance',
} as const;

/**
 * The application as the status page shows it; `baselineDraftSaved` when the applicant has saved baseline answers
 * to come back to (read by the page from the draft route, which the case view does not carry).
 */
export function statusView(c: ApplicantCase, baselineDraftSaved = false): object {
  const words = APPLICANT_STATUS_WORDS[c.status] ?? APPLICANT_STATUS_WORDS.IN_PROGRESS;
  const baseline = c.baselineStatus
    ? baselineTaskWords(c.baselineStatus, c.baselinePolicy, baselineDraftSaved)
    : undefined;
  return {
    ...c,
    words: {
      ...words,
      // In the baseline checks, what is needed (or not) is the baseline declaration, not the questionnaire.
      explanation: baseline?.explanation ?? words.explanation,
      // A refused or not-granted decision is not green.
      colour: c.status === 'DECISION_MADE' && c.outcome === 'NOT_GRANTED' ? 'grey' : words.colour,
    },
    baseline,
    // Items to fix in the questionnaire; the baseline's are shown with the baseline task.
    returned: !c.baselineStatus && (c.itemsToFix ?? []).length > 0,
    mayWithdraw: mayWithdraw(c.status),
    // Said plainly and no more: nothing about who started the renewal, or why.
    renewal: c.renewalOf ? RENEWAL_WORDS : null,
  };
}
