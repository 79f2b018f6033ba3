// The baseline: the least a Temporal application must do for one case. It makes the same kind of activity
// calls and writes as the product (a case row and an event row per transition), and nothing else.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline.activities';

/** An officer action on a baseline case. */
export const baselineActUpdate = defineUpdate<number, [string]>('act');

const { recordEvent } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

/** One case: writes its opening, then one event per action until it is closed. */
export async function baselineCaseWorkflow(caseId: string): Promise<number> {
  let seq = 1;
  let closed = false;
  let chain = recordEvent(caseId, seq, 'OPEN');
  setHandler(baselineActUpdate, async (action: string) => {
    seq += 1;
    const mine = seq;
    // Writes in sequence order, as the product chains its read-model writes.
    chain = chain.then(() => recordEvent(caseId, mine, action));
    await chain;
    if (action === 'CLOSE') closed = true;
    return mine;
  });
  await chain;
  await condition(() => closed);
  return seq;
}
