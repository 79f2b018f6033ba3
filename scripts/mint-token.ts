// Mints access tokens for local users, signed with the development key the API verifies against.
//   npm run token                                   one token per local user (the people of the web sign-in)
//   npm run token -- VETTING_OFFICER officer-7      one token for a given role and subject
//   npm run token -- TEAM_LEAD lead-1 dv-team-1     a team lead of a team
// A local user's subject gets their team and name unless a team is given: the API's staff directory (who can
// be assigned to a case) is seeded with the local users on the embedded default and follows token claims.
import { ensureLocalKeys, mintToken } from '../apps/api/src/auth/local-keys';
import { AUTH_DEFAULTS, LOCAL_USERS, findLocalUser } from '../libs/config/src/app-config';
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
    const chosen = subject ?? `${role.toLowerCase()}-1`;
    const local = findLocalUser(chosen);
    const teamOf = team ?? local?.team;
    const principal: Principal = {
      subject: chosen,
      roles: [role as Role],
      ...(teamOf ? { team: teamOf } : {}),
    };
    console.log(await mintToken(keys, { ...options, principal, name: local?.name }));
    return;
  }
  for (const user of LOCAL_USERS) {
    const principal: Principal = {
      subject: user.subject,
      roles: user.roles,
      ...(user.team ? { team: user.team } : {}),
    };
    const label = `${user.roles.join(',')}${user.team ? ` (${user.team})` : ''}`;
    console.log(
      `${label.padEnd(30)} sub=${principal.subject}\n  ${await mintToken(keys, { ...options, principal, name: user.name })}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
