import type { UpdateDefinition } from '@temporalio/common';
import type { CaseCommand } from '../../libs/domain/src';
import { caseWorkflowId, COMMAND_UPDATES } from '../../libs/contracts/src';
import type { CaseSnapshot } from '../../libs/contracts/src';
import { CaseHarness } from '../support/case-harness';
import { eligibleApplication } from '../support/fixtures';

/**
 * A value PostgreSQL cannot store (here a NUL in the actor, a plain text column, which the API refuses but
 * something else could still send) must not jam the case: the write is not retried for ever, it is recorded as
 * an alert, and the case keeps taking actions and keeps its read-model moving. (A NUL in the payload no longer
 * reaches PostgreSQL as such: payloads are stored encrypted.)
 */
const harness = new CaseHarness();
beforeAll(() => harness.setUp());
afterAll(() => harness.tearDown());

function act(caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

it('goes on after the database refuses a write for good, and flags it', async () => {
  const { caseId } = await harness.startCase(eligibleApplication());
  const poisoned = {
    type: 'ASSIGN_OFFICER',
    actor: 'lead\u0000-1',
    officerId: 'officer-1',
    reason: 'moved over',
  } as CaseCommand;
  const started = Date.now();
  const assigned = await act(caseId, poisoned);
  // Answered at once rather than after retries: the refusal is not worth another attempt.
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(assigned.assignee).toBe('officer-1');

  const failures = await harness.dataSource.query<{ activity: string; sqlstate: string }[]>(
    `SELECT activity, sqlstate FROM activity_failure WHERE case_id = $1`,
    [caseId],
  );
  // The alert the /metrics gauge vetting_refused_writes counts (test/e2e/observability covers the gauge).
  expect(failures).toEqual([
    { activity: 'recordTransition', sqlstate: expect.stringMatching(/^22/) as unknown },
  ]);

  // The case still takes a valid action, and the read-model catches up with it (the refused event is the gap).
  await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' });
  const stored = await harness.stored(caseId);
  expect(stored).toMatchObject({ stage: 'RECORD_CHECKS', assignee: 'officer-1', lastEventSeq: 4 });
  expect((await harness.history(caseId)).map((e) => e.seq)).toEqual([1, 2, 4]);
});
