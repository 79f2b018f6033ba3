import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataConverter, workflowBundle } from '../support/case-harness';

const HISTORIES = path.resolve(__dirname, '../histories');

/**
 * Cases live for months and held clearances for years, so today's workflow code must replay the histories
 * yesterday's code recorded. A non-deterministic change (reordered activities, a removed handler) fails here;
 * gate it with patched(). Each file names its workflow type in its first event.
 */
describe('replaying recorded case and clearance histories', () => {
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    // clearance-held runs: a year continued as new, a withdrawal, a lapse (record-histories.spec.ts).
    expect(files.filter((f) => f.startsWith('clearance-')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter },
        history,
        file.replace(/\.json$/, ''),
      ),
    ).resolves.toBeUndefined();
  });
});
