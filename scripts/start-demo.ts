// `npm run start:demo`: `npm start` with the demo clock policy, in which a minute stands for a working day, so
// cases filled by `npm run demo` reach "at risk" and "breached", get chased and lapse while you watch. An
// explicit CLOCK_POLICY still wins. Cases keep the policy they started with, so the data in .data/ is the same
// system either way.
import { DEMO_CLOCK_POLICY } from './demo/demo-clock-policy';

process.env.CLOCK_POLICY ||= JSON.stringify(DEMO_CLOCK_POLICY);
// Loaded only now, so that it reads the environment set above.
void import('./start');
