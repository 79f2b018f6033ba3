import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The applicant's questionnaire in progress, one per case, replaced on every save. `version` is the optimistic
 * lock: QuestionnaireStore.saveDraft only overwrites the version the applicant loaded.
 */
@Entity({ name: 'questionnaire_draft' })
export class QuestionnaireDraftEntity {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId!: string;

  /** The QuestionnaireDraft as JSON, sealed (FieldCipher, `questionnaire_draft.content`). */
  @Column('text')
  content!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'updated_by' })
  updatedBy!: string;

  // Not @VersionColumn: the store bumps it in SQL so the check and the write are one statement.
  @Column('integer')
  version!: number;
}
