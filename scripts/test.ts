// `npm test`: everything CI checks, in order, stopping at the first failure.
//   1. Temporal CLI   (built here, visibly, if needed: it can take minutes and would otherwise look like a hung Jest)
//   2. prettier --check .
//   3. eslint .
//   4. tsc --noEmit
//   5. jest --runInBand  (unit, integration and e2e; global setup starts Temporal and PostgreSQL)
// SKIP_LINT=1 skips steps 2-4 for a faster local loop.
import { spawn } from 'node:child_process';
import { elapsed, errorMessage, tagged } from './lib/log';
import { repoRoot } from './lib/paths';
import { ensureTemporalCli } from './lib/temporal-cli';

interface Step {
  name: string;
  /** Why the step is skipped this time, if it is. */
  skip?: string;
  run: () => Promise<number>;
}

interface Outcome {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  took: string;
}

const root = repoRoot();

function command(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): () => Promise<number> {
  return () =>
    new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
      child.once('error', (error) => {
        console.error(`could not run ${cmd}: ${error.message}`);
        resolve(127);
      });
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
}

async function main(): Promise<number> {
  const lintSkipped = process.env.SKIP_LINT === '1' ? 'SKIP_LINT=1' : undefined;
  let cliPath: string | undefined;
  const steps: Step[] = [
    {
      name: 'Temporal CLI',
      skip: process.env.TEMPORAL_ADDRESS
        ? `tests use TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS}`
        : undefined,
      run: async () => {
        try {
          cliPath = await ensureTemporalCli(tagged('temporal-cli'));
          return 0;
        } catch (error) {
          console.error(errorMessage(error));
          return 1;
        }
      },
    },
    { name: 'prettier --check .', skip: lintSkipped, run: command('npx', ['prettier', '--check', '.']) },
    { name: 'eslint .', skip: lintSkipped, run: command('npx', ['eslint', '.']) },
    {
      name: 'tsc --noEmit',
      skip: lintSkipped,
      run: command('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']),
    },
    {
      name: 'jest --runInBand',
      // Hand the CLI found in step 1 to Jest's global setup, so it does not search again.
      run: () =>
        command(
          'npx',
          ['jest', '--runInBand'],
          cliPath ? { ...process.env, TEMPORAL_CLI_PATH: cliPath } : process.env,
        )(),
    },
  ];

  const outcomes: Outcome[] = [];
  const startedAt = Date.now();
  let exitCode = 0;
  for (const [index, step] of steps.entries()) {
    const label = `${index + 1}/${steps.length} ${step.name}`;
    if (exitCode !== 0 || step.skip) {
      outcomes.push({ name: step.name, status: 'skipped', took: '' });
      if (exitCode === 0) console.log(`\n=== ${label}: skipped (${step.skip}) ===`);
      continue;
    }
    console.log(`\n=== ${label} ===`);
    const stepStartedAt = Date.now();
    const code = await step.run();
    outcomes.push({
      name: step.name,
      status: code === 0 ? 'passed' : 'failed',
      took: elapsed(stepStartedAt),
    });
    if (code !== 0) {
      console.error(`=== ${label}: FAILED (exit code ${code}) ===`);
      exitCode = code;
    }
  }

  console.log('\n=== summary ===');
  for (const { name, status, took } of outcomes) {
    console.log(`  ${status.padEnd(7)} ${name.padEnd(22)} ${took}`);
  }
  console.log(`${exitCode === 0 ? 'all passed' : 'FAILED'} in ${elapsed(startedAt)}`);
  return exitCode;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
