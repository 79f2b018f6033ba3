import type { Role } from '../roles';
import { type AppealParticipants, hearingConflict } from './appeal-rules';

/** A member of staff as the candidate rule needs them: who, and the roles they hold now. */
export interface SecretaryCandidate {
  userId: string;
  roles: readonly Role[];
}

/**
 * The staff who may be named an appeal's panel secretary (the rule NAME_SECRETARY checks, applied to a list so a
 * page offers only names that will be accepted): panel secretaries now, with no prior involvement in the case or
 * the clearance (never its appellant or sponsor), and not the one already named. In the order given.
 */
export function nameableSecretaries<S extends SecretaryCandidate>(
  appeal: AppealParticipants & { panel?: { secretaryId?: string | null } | null },
  staff: readonly S[],
): S[] {
  const named = appeal.panel?.secretaryId ?? null;
  return staff.filter(
    (s) =>
      s.roles.includes('PANEL_SECRETARY') && s.userId !== named && hearingConflict(s.userId, appeal) === null,
  );
}
