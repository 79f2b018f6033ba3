import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseSnapshot } from '../../libs/contracts/src';
import { caseWorkflowId, COMMAND_UPDATES } from '../../libs/contracts/src';
import type { CaseCommand } from '../../libs/domain/src';
import { CaseHarness } from '../support/case-harness';
import {
  eligibleApplication,
  ineligibleApplication,
  residencyExceptionApplication,
} from '../support/fixtures';

/**
 * Not a test: the recorder behind `npm run history:record`. It runs representative cases on the real dev
 * server and writes their histories to test/histories/, which replay.spec.ts replays on every CI run.
 * Record again (and commit) only for histories of new behaviour; never overwrite old ones to make replay pass.
 */
const recording = process.env.RECORD_HISTORIES === '1';
const describeRecorder = recording ? describe : describe.skip;

const harness = new CaseHarness();
const OFFICER = 'officer-1';

function act(caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

async function save(name: string, caseId: string): Promise<void> {
  const handle = harness.client.workflow.getHandle(caseWorkflowId(caseId));
  const history = await handle.fetchHistory();
  writeFileSync(path.resolve(__dirname, '../histories', `${name}.json`), historyToJSON(history));
}

describeRecorder('record workflow histories', () => {
  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  it('records a granted case', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, { type: 'RETURN_QUESTIONNAIRE', actor: OFFICER, items: ['employment: gap in 2019'] });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'RECORD_CHECKS', outcome: 'clear' });
    await act(caseId, {
      type: 'COMPLETE_STAGE',
      actor: OFFICER,
      stage: 'INVESTIGATION',
      outcome: 'no concerns',
    });
    await act(caseId, {
      type: 'RECORD_RECOMMENDATION',
      actor: OFFICER,
      recommendation: 'GRANT',
      assessment: 'low risk',
    });
    await act(caseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-granted', caseId);
  });

  it('records an ineligible case', async () => {
    const { caseId } = await harness.startCase(ineligibleApplication());
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-ineligible', caseId);
  });

  it('records a residency exception declined', async () => {
    const { caseId } = await harness.startCase(residencyExceptionApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, {
      type: 'DECIDE_RESIDENCY_EXCEPTION',
      actor: OFFICER,
      decision: 'DECLINE',
      notes: 'no evidence',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-residency-exception-declined', caseId);
  });

  it('records a withdrawal after a refused illegal action', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' }).catch(
      () => undefined,
    );
    await act(caseId, {
      type: 'WITHDRAW',
      actor: 'sponsor-1',
      requestedBy: 'SPONSOR',
      reason: 'offer withdrawn',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-withdrawn', caseId);
  });

  it('records a case still open in investigation', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'RECORD_CHECKS', outcome: 'clear' });
    await save('v1-open-in-investigation', caseId);
    await act(caseId, { type: 'WITHDRAW', actor: 'sponsor-1', requestedBy: 'SPONSOR', reason: 'cleanup' });
  });
});
