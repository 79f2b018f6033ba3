import type { DataSource } from 'typeorm';
import type { QuestionnaireDraft } from '../../domain/src/questionnaire';
import { QuestionnaireDraftEntity } from './entities/questionnaire-draft.entity';
import { QuestionnaireVersionEntity } from './entities/questionnaire-version.entity';
import type { FieldCipher, FieldSlot } from './field-cipher';

/** The applicant's saved draft of a case's questionnaire. */
export interface StoredQuestionnaireDraft {
  caseId: string;
  content: QuestionnaireDraft;
  /** Starts at 1 and grows by one with every save; 0 is never stored (it means "no draft yet"). */
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** The applicant's saved baseline (BPSS) declaration so far: the declaration's JSON, incomplete as it may be. */
export interface StoredBaselineDraft {
  caseId: string;
  content: Record<string, unknown>;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** The tables a draft is kept in, one row per case: a fixed list, as the SQL names them. */
type DraftTable = 'questionnaire_draft' | 'baseline_draft';

/** The outcome of saveDraft: the new version, or the version that is there now if the caller's was stale. */
export type SaveDraftResult = { saved: true; version: number } | { saved: false; currentVersion: number };

/** A submitted questionnaire version without its content, for listings. */
export interface QuestionnaireVersionSummary {
  caseId: string;
  version: number;
  submittedAt: Date;
  submittedBy: string;
}

/** A submitted questionnaire version with what was submitted. */
export interface StoredQuestionnaireVersion extends QuestionnaireVersionSummary {
  content: QuestionnaireDraft;
}

/**
 * Questionnaire drafts (optimistically locked), baseline declaration drafts, and submitted questionnaire versions (append-only, idempotent writes). Their
 * content is sealed with `cipher` (personal data at rest, docs/encryption.md).
 */
export class QuestionnaireStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** The case's draft, or null if the applicant has not saved one. */
  async getDraft(caseId: string): Promise<StoredQuestionnaireDraft | null> {
    const row = await this.dataSource.getRepository(QuestionnaireDraftEntity).findOneBy({ caseId });
    if (!row) return null;
    const content = this.cipher.openJson<QuestionnaireDraft>(row.content, draftSlot(caseId)) ?? {};
    return { ...row, content };
  }

  /**
   * Replaces the case's draft. With `expectedVersion` it only overwrites that version (0: only if there is no
   * draft yet) and otherwise reports the current one, so two tabs cannot silently overwrite each other; without
   * it the save always wins. The check and the write are one statement, so concurrent saves cannot both pass.
   */
  async saveDraft(
    caseId: string,
    content: object,
    updatedBy: string,
    expectedVersion?: number,
  ): Promise<SaveDraftResult> {
    const saved = await this.saveInto('questionnaire_draft', caseId, content, updatedBy, expectedVersion);
    if (saved) return { saved: true, version: saved.version };
    const current = await this.getDraft(caseId);
    return { saved: false, currentVersion: current?.version ?? 0 };
  }

  /**
   * The applicant's baseline (BPSS) declaration so far, or null if they have not saved one: kept like the
   * questionnaire's draft (one sealed row per case, a version per save), in `baseline_draft`.
   */
  async getBaselineDraft(caseId: string): Promise<StoredBaselineDraft | null> {
    const rows: { content: string; version: number; updated_at: Date; updated_by: string }[] =
      await this.dataSource.query(
        `SELECT content, version, updated_at, updated_by FROM baseline_draft WHERE case_id = $1`,
        [caseId],
      );
    const row = rows[0];
    if (!row) return null;
    const content =
      this.cipher.openJson<Record<string, unknown>>(row.content, baselineDraftSlot(caseId)) ?? {};
    return { caseId, content, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
  }

  /**
   * Replaces the case's baseline draft (one page, saved whole), with `expectedVersion` as saveDraft has it: only
   * over that version when given, else the save wins.
   */
  async saveBaselineDraft(
    caseId: string,
    content: object,
    updatedBy: string,
    expectedVersion?: number,
  ): Promise<SaveDraftResult> {
    const saved = await this.saveInto('baseline_draft', caseId, content, updatedBy, expectedVersion);
    if (saved) return { saved: true, version: saved.version };
    const current = await this.getBaselineDraft(caseId);
    return { saved: false, currentVersion: current?.version ?? 0 };
  }

  /** Forgets the case's baseline draft (the declaration was sent); true if there was one. */
  async deleteBaselineDraft(caseId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM baseline_draft WHERE case_id = $1 RETURNING case_id) SELECT case_id FROM gone`,
      [caseId],
    );
    return rows.length > 0;
  }

  /** One sealed draft row written as saveDraft describes; undefined when `expectedVersion` was stale. */
  private async saveInto(
    table: DraftTable,
    caseId: string,
    content: object,
    updatedBy: string,
    expectedVersion?: number,
  ): Promise<{ version: number } | undefined> {
    const slot = table === 'baseline_draft' ? baselineDraftSlot(caseId) : draftSlot(caseId);
    const json = this.cipher.seal(JSON.stringify(content), slot);
    let rows: { version: number }[];
    if (expectedVersion === undefined) {
      rows = await this.dataSource.query(
        `INSERT INTO ${table} (case_id, content, updated_by, updated_at, version)
         VALUES ($1, $2, $3, now(), 1)
         ON CONFLICT (case_id) DO UPDATE SET
           content = EXCLUDED.content, updated_by = EXCLUDED.updated_by, updated_at = now(),
           version = ${table}.version + 1
         RETURNING version`,
        [caseId, json, updatedBy],
      );
    } else if (expectedVersion === 0) {
      rows = await this.dataSource.query(
        `INSERT INTO ${table} (case_id, content, updated_by, updated_at, version)
         VALUES ($1, $2, $3, now(), 1)
         ON CONFLICT (case_id) DO NOTHING
         RETURNING version`,
        [caseId, json, updatedBy],
      );
    } else {
      // A CTE so the driver hands back the RETURNING rows (a bare UPDATE comes back as [rows, count]).
      rows = await this.dataSource.query(
        `WITH saved AS (
           UPDATE ${table}
           SET content = $2, updated_by = $3, updated_at = now(), version = version + 1
           WHERE case_id = $1 AND version = $4
           RETURNING version
         )
         SELECT version FROM saved`,
        [caseId, json, updatedBy, expectedVersion],
      );
    }
    return rows[0];
  }

  /**
   * Keeps a submitted version; returns true if it is new, false if (case, version) was already stored, in which
   * case nothing changes (an activity retry, or a replay). `submittedAt` defaults to the database's clock.
   */
  async storeVersion(
    caseId: string,
    version: number,
    content: object,
    submittedBy: string,
    submittedAt?: Date | string,
  ): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO questionnaire_version (case_id, version, content, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()))
       ON CONFLICT ON CONSTRAINT uq_questionnaire_version_case_version DO NOTHING
       RETURNING id`,
      [
        caseId,
        version,
        this.cipher.seal(JSON.stringify(content), versionSlot(caseId, version)),
        submittedBy,
        submittedAt ?? null,
      ],
    );
    return inserted.length > 0;
  }

  /** The case's submitted versions, oldest first, without their content. */
  async listVersions(caseId: string): Promise<QuestionnaireVersionSummary[]> {
    const rows = await this.dataSource.getRepository(QuestionnaireVersionEntity).find({
      select: { caseId: true, version: true, submittedAt: true, submittedBy: true },
      where: { caseId },
      order: { version: 'ASC' },
    });
    return rows.map(({ version, submittedAt, submittedBy }) => ({
      caseId,
      version,
      submittedAt,
      submittedBy,
    }));
  }

  /** One submitted version, or null if the case has no such version. */
  async getVersion(caseId: string, version: number): Promise<StoredQuestionnaireVersion | null> {
    const row = await this.dataSource
      .getRepository(QuestionnaireVersionEntity)
      .findOneBy({ caseId, version });
    if (!row) return null;
    const { submittedAt, submittedBy } = row;
    // Typed as a draft: versions stored under an older shape of the questionnaire stay readable.
    const content = this.cipher.openJson<QuestionnaireDraft>(row.content, versionSlot(caseId, version)) ?? {};
    return { caseId, version, content, submittedAt, submittedBy };
  }
}

/** Where a case's draft is sealed to. */
export function draftSlot(caseId: string): FieldSlot {
  return { field: 'questionnaire_draft.content', row: caseId };
}

/** Where a case's baseline draft is sealed to. */
export function baselineDraftSlot(caseId: string): FieldSlot {
  return { field: 'baseline_draft.content', row: caseId };
}

/** Where one submitted version is sealed to. */
export function versionSlot(caseId: string, version: number): FieldSlot {
  return { field: 'questionnaire_version.content', row: `${caseId}:${version}` };
}
