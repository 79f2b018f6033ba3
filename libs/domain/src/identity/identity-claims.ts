import type { Principal, Role } from '../roles';
import { ROLES } from '../roles';

/** Who a set of identity-provider claims says someone is: the principal, and the name staff pages show. */
export interface ClaimedIdentity {
  principal: Principal;
  /** Kept out of Principal on purpose: a name is personal data and the principal travels into logs and audit. */
  displayName: string | null;
}

/** Longest display name kept; a provider's claim is not ours to trust with unbounded text. */
const NAME_LIMIT = 200;

/**
 * Turns verified claims (an access token's for the API, an ID token's for the web service) into a principal:
 * `sub` is the subject, `roles` the known roles among the claimed ones (unknown ones are ignored, not refused),
 * `team` the team, `name` the display name. One function for both, so the web service offers a person exactly
 * the pages the API will let them use. Null when there is no subject: nobody can be identified.
 */
export function identityFromClaims(claims: Readonly<Record<string, unknown>>): ClaimedIdentity | null {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.length === 0) return null;
  const claimed = claims.roles;
  const roles = Array.isArray(claimed)
    ? claimed.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r))
    : [];
  const team = typeof claims.team === 'string' && claims.team.length > 0 ? claims.team : undefined;
  const name = typeof claims.name === 'string' ? claims.name.trim().slice(0, NAME_LIMIT) : '';
  return {
    principal: { subject, roles, ...(team ? { team } : {}) },
    displayName: name.length > 0 ? name : null,
  };
}
