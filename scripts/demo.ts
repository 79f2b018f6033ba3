// `npm run demo`: fills a running system (`npm start`, or `npm run start:demo` for minute-long clocks) with
// about 40 cases across every stage, through the API with locally minted tokens (as `npm run token` does).
//   npm run demo                      40 cases against http://127.0.0.1:$PORT (3000)
//   npm run demo -- --count 60 --api http://127.0.0.1:3100
// Running it again finds the first demo applicant's application and adds nothing.
import { ensureLocalKeys, mintToken } from '../apps/api/src/auth/local-keys';
import { AUTH_DEFAULTS } from '../libs/config/src/app-config';
import { fillDemo } from './demo/fill-demo';

interface Args {
  count: number;
  api: string;
  concurrency: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    count: 40,
    api: `http://127.0.0.1:${process.env.PORT ?? '3000'}`,
    concurrency: 4,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--count') args.count = Number(value);
    else if (flag === '--api') args.api = value;
    else if (flag === '--concurrency') args.concurrency = Number(value);
    else throw new Error(`unknown option ${flag}; expected --count, --api or --concurrency`);
  }
  if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > 16) {
    throw new Error(`--concurrency must be a whole number from 1 to 16, got ${args.concurrency}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const health = await fetch(new URL('/health', args.api)).catch(() => null);
  if (!health?.ok) {
    throw new Error(`no healthy API at ${args.api}: start the system first (npm start), or pass --api`);
  }
  const keys = await ensureLocalKeys(process.env.AUTH_JWKS_FILE ?? AUTH_DEFAULTS.jwksFile);
  const issuer = process.env.AUTH_ISSUER ?? AUTH_DEFAULTS.issuer;
  const audience = process.env.AUTH_AUDIENCE ?? AUTH_DEFAULTS.audience;
  const startedAt = Date.now();
  console.log(`[demo] filling ${args.api} with ${args.count} cases...`);
  const result = await fillDemo({
    api: args.api,
    count: args.count,
    concurrency: args.concurrency,
    tokenFor: (principal) => mintToken(keys, { issuer, audience, principal }),
  });
  if (!result.filled) return;
  const byStage = new Map<string, number>();
  for (const c of result.cases) byStage.set(c.stage, (byStage.get(c.stage) ?? 0) + 1);
  console.log(`[demo] done in ${Math.round((Date.now() - startedAt) / 1000)} s:`);
  for (const [stage, n] of [...byStage].sort()) console.log(`  ${stage.padEnd(28)} ${n}`);
  console.log(
    '[demo] sign in as officer-1, lead-1, adjudicator-1, hr-1, sponsor-1 or demo-applicant-001 to look around.',
  );
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
