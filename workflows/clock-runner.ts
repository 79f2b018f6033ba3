// The stage clock's runner: sleeps until the next due event (workflows/stage-clock.ts says which), fires it,
// and re-reads the schedule whenever anything is recorded on the case.
import { condition } from '@temporalio/workflow';
import type { ClockPolicy } from '../libs/domain/src/clock';
import { isClosedStage } from '../libs/domain/src/stage-model';
import type { CaseSnapshot } from '../libs/contracts/src';
import type { NotificationRole } from '../libs/domain/src/notifications';
import type { ClockEvent, ClockEventKind } from './stage-clock';
import { nextClockEvent } from './stage-clock';

/** What the runner needs from the case workflow. */
export interface ClockHost {
  state: CaseSnapshot;
  /** Bumped on every recorded change. */
  epoch(): number;
  /** Fires one due event: records it and sends its notice. */
  fire(event: ClockEvent): Promise<void>;
}

/** Runs until the case closes. Overdue events (after a worker outage) fire at once, in due order. */
export async function runClock(policy: ClockPolicy, host: ClockHost): Promise<void> {
  while (!isClosedStage(host.state.stage)) {
    const epoch = host.epoch();
    const event = nextClockEvent(host.state, policy);
    if (!event) {
      await condition(() => host.epoch() !== epoch);
      continue;
    }
    const wait = Date.parse(event.at) - Date.now();
    if (wait > 0 && (await condition(() => host.epoch() !== epoch, wait))) continue;
    await host.fire(event);
  }
}

/** Who hears about a clock event: escalations go to the team lead, chasers to the applicant, the rest to the assignee. */
export function recipientOf(
  kind: ClockEventKind,
  state: CaseSnapshot,
  teamLeadId: string | null,
): [string | null, NotificationRole] {
  switch (kind) {
    case 'DEADLINE_ESCALATION':
    case 'REPEAT_ESCALATION':
      return [teamLeadId, 'TEAM_LEAD'];
    case 'QUESTIONNAIRE_CHASER':
    case 'QUESTIONNAIRE_LAPSE':
    case 'BASELINE_CHASER':
    case 'BASELINE_LAPSE':
      return [state.applicantId, 'APPLICANT'];
    default:
      return [state.assignee, 'OFFICER'];
  }
}
