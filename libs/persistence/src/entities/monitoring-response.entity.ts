import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { MonitoringAnswer, MonitoringCategory } from '../../../domain/src/monitoring';

/**
 * One applicant's voluntary equal-opportunity answers, in the `monitoring` schema apart from the case tables.
 * Keyed by case id but with no foreign key, so the schema can move to its own database or role unchanged.
 */
@Entity({ schema: 'monitoring', name: 'response' })
export class MonitoringResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'case_id', unique: true })
  caseId!: string;

  @Column('text', { nullable: true })
  sex!: MonitoringAnswer<'sex'> | null;

  @Column('text', { nullable: true })
  ethnicity!: MonitoringAnswer<'ethnicity'> | null;

  @Column('text', { nullable: true })
  disability!: MonitoringAnswer<'disability'> | null;

  @Column('text', { name: 'age_band', nullable: true })
  ageBand!: MonitoringAnswer<'ageBand'> | null;

  @Column('text', { name: 'sexual_orientation', nullable: true })
  sexualOrientation!: MonitoringAnswer<'sexualOrientation'> | null;

  @Column('text', { nullable: true })
  religion!: MonitoringAnswer<'religion'> | null;

  @Column('text', { name: 'socio_economic_background', nullable: true })
  socioEconomicBackground!: MonitoringAnswer<'socioEconomicBackground'> | null;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}

/** The column holding each category's answer; the only way a category name reaches SQL. */
export const MONITORING_RESPONSE_COLUMNS: Readonly<Record<MonitoringCategory, string>> = Object.freeze({
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  ageBand: 'age_band',
  sexualOrientation: 'sexual_orientation',
  religion: 'religion',
  socioEconomicBackground: 'socio_economic_background',
});
