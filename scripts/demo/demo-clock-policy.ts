import type { ClockPolicy } from '../../libs/domain/src/clock';

const MINUTE = 60_000;

/**
 * The default policy's shape with a minute standing for a working day, so that a demo system shows every SLA
 * state within minutes instead of weeks: stages reach "at risk" and "breached" while you watch, chasers go out,
 * and a baseline declaration or questionnaire left alone lapses after half an hour. Escalations repeat hourly so
 * inboxes stay readable.
 * Used by `npm run start:demo`; never by `npm start`.
 */
export const DEMO_CLOCK_POLICY: ClockPolicy = {
  version: 'demo-minutes-v2',
  unit: 'MILLISECONDS',
  calendar: 'england-and-wales',
  stages: {
    ELIGIBILITY_SCREENING: { goal: 1 * MINUTE, deadline: 2 * MINUTE, repeatEvery: 60 * MINUTE },
    RESIDENCY_EXCEPTION_REVIEW: { goal: 5 * MINUTE, deadline: 10 * MINUTE, repeatEvery: 60 * MINUTE },
    BASELINE_CHECKS: { goal: 3 * MINUTE, deadline: 5 * MINUTE, repeatEvery: 60 * MINUTE },
    QUESTIONNAIRE: { goal: 3 * MINUTE, deadline: 5 * MINUTE, repeatEvery: 60 * MINUTE },
    RECORD_CHECKS: { goal: 10 * MINUTE, deadline: 15 * MINUTE, repeatEvery: 60 * MINUTE },
    INVESTIGATION: { goal: 35 * MINUTE, deadline: 50 * MINUTE, repeatEvery: 60 * MINUTE },
    RECOMMENDATION: { goal: 5 * MINUTE, deadline: 8 * MINUTE, repeatEvery: 60 * MINUTE },
    DECISION: { goal: 5 * MINUTE, deadline: 8 * MINUTE, repeatEvery: 60 * MINUTE },
  },
  applicantChasers: {
    questionnaire: { chaseAt: [7 * MINUTE, 14 * MINUTE], lapseAt: 30 * MINUTE },
    invitation: { chaseAt: [3 * MINUTE, 7 * MINUTE, 14 * MINUTE], lapseAt: 30 * MINUTE },
    baseline: { chaseAt: [7 * MINUTE, 14 * MINUTE], lapseAt: 30 * MINUTE },
  },
  refereeChasers: { chaseAt: [5 * MINUTE, 10 * MINUTE], decideAt: 15 * MINUTE },
  targets: { DV: 95 * MINUTE, CTC_SC: 25 * MINUTE, DV_RENEWAL: 95 * MINUTE },
  atRiskFraction: 0.8,
};
