// Mints access tokens for local users, signed with the development key the API verifies against.
//   npm run token                                   one token per role, for trying the API
//   npm run token -- VETTING_OFFICER officer-7      one token for a given role and subject
//   npm run token -- TEAM_LEAD lead-1 dv-team-1     a team lead of a team
import { ensureLocalKeys, mintToken } from '../apps/api/src/auth/local-keys';
import { AUTH_DEFAULTS } from '../libs/config/src/app-config';
import type { Principal, Role } from '../libs/domain/src/roles';
import { ROLES } from '../libs/domain/src/roles';

async function main(): Promise<void> {
  const [role, subject, team] = process.argv.slice(2);
  const keys = await ensureLocalKeys(process.env.AUTH_JWKS_FILE ?? AUTH_DEFAULTS.jwksFile);
  const options = {
    issuer: process.env.AUTH_ISSUER ?? AUTH_DEFAULTS.issuer,
    audience: process.env.AUTH_AUDIENCE ?? AUTH_DEFAULTS.audience,
  };
  if (role) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new Error(`unknown role ${role}; expected one of ${ROLES.join(', ')}`);
    }
    const principal: Principal = {
      subject: subject ?? `${role.toLowerCase()}-1`,
      roles: [role as Role],
      ...(team ? { team } : {}),
    };
    console.log(await mintToken(keys, { ...options, principal }));
    return;
  }
  for (const r of ROLES) {
    const principal: Principal = {
      subject: `${r.toLowerCase().replace(/_/g, '-')}-1`,
      roles: [r],
      ...(r === 'TEAM_LEAD' ? { team: process.env.DEFAULT_TEAM ?? AUTH_DEFAULTS.team } : {}),
    };
    console.log(
      `${r.padEnd(20)} sub=${principal.subject}\n  ${await mintToken(keys, { ...options, principal })}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
