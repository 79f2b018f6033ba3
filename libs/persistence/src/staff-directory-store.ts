import type { DataSource } from 'typeorm';
import type { Role } from '../../domain/src/roles';
import { ROLES } from '../../domain/src/roles';

/** A member of staff as the directory holds them. */
export interface StaffMember {
  userId: string;
  displayName: string;
  roles: Role[];
  team: string | null;
  updatedAt: Date;
}

/** What one authenticated request says about its caller. */
export interface StaffClaims {
  userId: string;
  /** The token's `name`; null when it has none (the stored name, or else the id, is kept). */
  displayName: string | null;
  /** Staff roles only; empty when the caller holds none (any more). */
  roles: readonly Role[];
  /** The token's `team`; undefined when the token carries no team claim (the stored team is kept). */
  team: string | undefined;
}

/** Which members a list shows, and which page. */
export interface StaffListQuery {
  role?: Role;
  team?: string;
  page: number;
  pageSize: number;
}

interface StaffRow {
  user_id: string;
  display_name: string;
  roles: string[];
  team: string | null;
  updated_at: Date;
}

/**
 * The staff directory: written from identity-provider claims (and the local users on the embedded default),
 * read to check an assignment and to fill officer pickers. Members with no staff role left stay as rows with
 * no roles, so they drop out of every list and check without losing who they were.
 */
export class StaffDirectoryStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Records what a request's claims say. Roles are replaced; a token without a name or team keeps what is
   * stored (development tokens carry neither). Nothing is written when nothing changed, and someone with no
   * staff role who is not in the directory is never added.
   */
  async recordClaims(claims: StaffClaims): Promise<void> {
    const roles = ROLES.filter((role) => claims.roles.includes(role));
    const hasTeam = claims.team !== undefined;
    const team = claims.team ?? null;
    if (roles.length === 0) {
      await this.db.query(
        `UPDATE staff_member SET roles = '{}', updated_at = now(), version = version + 1
          WHERE user_id = $1 AND cardinality(roles) > 0`,
        [claims.userId],
      );
      return;
    }
    await this.db.query(
      `INSERT INTO staff_member AS s (user_id, display_name, roles, team)
       VALUES ($1, coalesce($2, $1), $3::text[], $4)
       ON CONFLICT (user_id) DO UPDATE
          SET display_name = coalesce($2, s.display_name),
              roles = EXCLUDED.roles,
              team = CASE WHEN $5::boolean THEN EXCLUDED.team ELSE s.team END,
              updated_at = now(),
              version = s.version + 1
        WHERE (s.display_name, s.roles, s.team) IS DISTINCT FROM
              (coalesce($2, s.display_name), EXCLUDED.roles, CASE WHEN $5::boolean THEN EXCLUDED.team ELSE s.team END)`,
      [claims.userId, claims.displayName, roles, team, hasTeam],
    );
  }

  /** Writes these members as given (the local users of the embedded default). */
  async seed(members: readonly Omit<StaffMember, 'updatedAt'>[]): Promise<void> {
    for (const member of members) {
      await this.recordClaims({
        userId: member.userId,
        displayName: member.displayName,
        roles: member.roles,
        team: member.team ?? undefined,
      });
    }
  }

  /** One member by user id, or null when the directory has nobody by that id. */
  async find(userId: string): Promise<StaffMember | null> {
    const rows = await this.db.query<StaffRow[]>(
      `SELECT user_id, display_name, roles, team, updated_at FROM staff_member WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ? toMember(rows[0]) : null;
  }

  /**
   * The display names of those of `userIds` the directory holds, by user id (with or without a staff role now:
   * a case's history still names someone who has since left). Anyone else (an applicant, `system`) is absent.
   */
  async namesOf(userIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<Pick<StaffRow, 'user_id' | 'display_name'>[]>(
      `SELECT user_id, display_name FROM staff_member WHERE user_id = ANY ($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.user_id, r.display_name]));
  }

  /**
   * The user ids of everyone the directory has in `role` now, in id order (stable, so a retried notice run
   * visits them in the same order). Ids only: the caller resolves nothing else about them.
   */
  async idsWithRole(role: Role): Promise<string[]> {
    const rows = await this.db.query<Pick<StaffRow, 'user_id'>[]>(
      `SELECT user_id FROM staff_member WHERE $1::text = ANY (roles) ORDER BY user_id`,
      [role],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * Everyone the directory has in `role` now, by id: what a search by name is run over (the matching, which folds
   * accents, is the domain's rule, not SQL's).
   */
  async membersWithRole(role: Role): Promise<StaffMember[]> {
    const rows = await this.db.query<StaffRow[]>(
      `SELECT user_id, display_name, roles, team, updated_at FROM staff_member
        WHERE $1::text = ANY (roles) ORDER BY user_id`,
      [role],
    );
    return rows.map(toMember);
  }

  /** Members holding a staff role, filtered by role and team, by name; with how many match in all. */
  async list(query: StaffListQuery): Promise<{ items: StaffMember[]; total: number }> {
    const where = `cardinality(roles) > 0
       AND ($1::text IS NULL OR $1::text = ANY (roles))
       AND ($2::text IS NULL OR team = $2::text)`;
    const filter = [query.role ?? null, query.team ?? null];
    const [counted] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM staff_member WHERE ${where}`,
      filter,
    );
    const rows = await this.db.query<StaffRow[]>(
      `SELECT user_id, display_name, roles, team, updated_at FROM staff_member WHERE ${where}
        ORDER BY display_name, user_id LIMIT $3 OFFSET $4`,
      [...filter, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toMember), total: counted?.total ?? 0 };
  }
}

function toMember(row: StaffRow): StaffMember {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    roles: ROLES.filter((role) => row.roles.includes(role)),
    team: row.team,
    updatedAt: row.updated_at,
  };
}
