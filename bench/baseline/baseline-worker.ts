// The baseline's worker process: a NativeConnection, a Worker with the baseline workflow and activities, a
// PostgreSQL pool. Run by scripts/bench.ts beside the product's worker.
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { BASELINE_SCHEMA, createBaselineActivities } from './baseline.activities';

async function main(): Promise<void> {
  Runtime.install({ shutdownSignals: [] });
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await pool.query(BASELINE_SCHEMA);
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.BASELINE_TASK_QUEUE ?? 'baseline',
    workflowsPath: require.resolve('./baseline.workflow'),
    activities: createBaselineActivities(pool),
  });
  const running = worker.run();
  console.log('baseline worker polling');
  process.once('SIGTERM', () => worker.shutdown());
  await running;
  await connection.close();
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
