import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One submitted questionnaire, kept for good: every submission is a new version, and triggers refuse UPDATE and
 * DELETE. (case_id, version) makes storing a version idempotent under activity retries.
 */
@Entity({ name: 'questionnaire_version' })
@Unique('uq_questionnaire_version_case_version', ['caseId', 'version'])
export class QuestionnaireVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('integer')
  version!: number;

  /** What was submitted as JSON, sealed (FieldCipher, `questionnaire_version.content`). */
  @Column('text')
  content!: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt!: Date;

  @Column('text', { name: 'submitted_by' })
  submittedBy!: string;
}
