import type { DataSource } from 'typeorm';
import type { DecisionCondition } from '../../domain/src/case-tasks';

/** A clearance to record when a decision grants one. */
export interface NewClearance {
  caseId: string;
  personId: string;
  level: 'DV';
  grantedOn: string;
  reviewDue: string;
  conditions: DecisionCondition[];
}

/** What a sponsor may learn about a person: whether they hold a valid clearance, nothing else. */
export type ClearanceStatus = 'VALID' | 'EXPIRED' | 'NONE';

/** Clearance records. Writes are idempotent per case, so a retried activity records one clearance. */
export class ClearanceStore {
  constructor(private readonly dataSource: DataSource) {}

  async record(c: NewClearance): Promise<'recorded' | 'duplicate'> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO clearance (case_id, person_id, level, granted_on, review_due, conditions)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [c.caseId, c.personId, c.level, c.grantedOn, c.reviewDue, JSON.stringify(c.conditions)],
    );
    return rows.length > 0 ? 'recorded' : 'duplicate';
  }

  /** VALID if an active clearance is not yet due for review on `today`, EXPIRED if one has passed it, else NONE. */
  async statusOf(personId: string, today: string): Promise<ClearanceStatus> {
    const rows: { valid: boolean }[] = await this.dataSource.query(
      `SELECT review_due >= $2::date AS valid FROM clearance
        WHERE person_id = $1 AND status = 'ACTIVE' ORDER BY review_due DESC LIMIT 1`,
      [personId, today],
    );
    const latest = rows[0];
    if (!latest) return 'NONE';
    return latest.valid ? 'VALID' : 'EXPIRED';
  }
}
