import type { DataSource } from 'typeorm';
import type { CaseSnapshot } from '../../libs/contracts/src';
import type { Stage } from '../../libs/domain/src';
import { CaseStore } from '../../libs/persistence/src/case-store';
import type { FieldCipher } from '../../libs/persistence/src/field-cipher';
import { initialSnapshot } from '../../workflows/case-state';
import { eligibleApplication } from './fixtures';
import { fieldCipher } from './field-cipher';

/** Who a seeded case belongs to, for access tests. */
export interface SeedFacts {
  stage: Stage;
  assignee: string;
  team: string;
  sponsorId: string;
  applicantId: string;
  /** Anything else the snapshot should say (tasks, a recommendation, a decision). */
  snapshot?: Partial<CaseSnapshot>;
}

/**
 * Writes a case straight into the read-model, with no workflow behind it. Access and input tests use it: any
 * action that gets past them ends at Temporal with 409, so they can never change a case.
 */
export async function seedReadModelCase(
  db: DataSource,
  caseId: string,
  facts: SeedFacts,
  cipher: FieldCipher = fieldCipher,
): Promise<void> {
  const at = new Date().toISOString();
  const base = initialSnapshot(
    { caseId, team: facts.team, sponsorId: facts.sponsorId, applicantId: facts.applicantId, rules: 'v1' },
    at,
    null,
  );
  const snapshot: CaseSnapshot = {
    ...base,
    stage: facts.stage,
    assignee: facts.assignee,
    investigatingOfficers: [facts.assignee],
    lastEventSeq: 1,
    ...facts.snapshot,
  };
  await new CaseStore(db, cipher).recordTransition({
    event: {
      caseId,
      seq: 1,
      actor: 'system',
      action: 'OPEN_CASE',
      fromStage: null,
      toStage: facts.stage,
      occurredAt: at,
      payload: { note: 'opened by the seed' },
    },
    snapshot,
    application: eligibleApplication(),
  });
}
