// Prints throughput and memory figures for the pure domain rules that run on every request and in every
// workflow replay. A benchmark, not a test: it asserts nothing and only reports.
//   npm run bench:domain
import { performance } from 'node:perf_hooks';
import { DEFAULT_ELIGIBILITY_POLICY, screenEligibility } from '../libs/domain/src/eligibility';
import { addWorkingDays, CALENDARS, workingDaysBetween } from '../libs/domain/src/clock';
import { validateQuestionnaire } from '../libs/domain/src/questionnaire';
import { completeQuestionnaire } from '../test/support/questionnaire-fixture';
import { eligibleApplication } from '../test/support/fixtures';

function measure(name: string, iterations: number, run: (i: number) => void): void {
  for (let i = 0; i < Math.min(1000, iterations); i += 1) run(i); // warm-up
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) run(i);
  const ms = performance.now() - started;
  const heapDelta = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(
    `${name.padEnd(36)} ${iterations.toString().padStart(7)} runs  ${((iterations / ms) * 1000).toFixed(0).padStart(9)} /s  ` +
      `${((ms * 1000) / iterations).toFixed(1).padStart(8)} µs/run  heap ${heapDelta >= 0 ? '+' : ''}${heapDelta.toFixed(1)} MiB`,
  );
}

const application = eligibleApplication();
const questionnaire = completeQuestionnaire('2026-11-25');
const holidays = CALENDARS['england-and-wales'] ?? [];

console.log(`node ${process.version}, ${process.arch}`);
measure('eligibility screening', 100_000, () =>
  screenEligibility(application, DEFAULT_ELIGIBILITY_POLICY, {
    asOf: '2026-11-25',
    hasOtherActiveApplication: false,
  }),
);
measure('questionnaire validation', 20_000, () => validateQuestionnaire(questionnaire, '2026-11-25'));
measure('addWorkingDays(95) E&W calendar', 50_000, (i) =>
  addWorkingDays(new Date(Date.UTC(2026, 0, 1 + (i % 300))).toISOString(), 95, holidays),
);
measure('workingDaysBetween (one year)', 50_000, (i) =>
  workingDaysBetween(
    new Date(Date.UTC(2026, 0, 1 + (i % 300))).toISOString(),
    '2027-06-30T12:00:00.000Z',
    holidays,
  ),
);
