import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CallbackDisposition } from '../../../contracts/src/record-check.types';

/**
 * Every callback a provider sent, including refused and ignored ones, with what became of it. The body's
 * `detail` is not kept here: it reaches the check's record only when the check accepts the result.
 */
@Entity({ name: 'provider_callback' })
@Index('ix_provider_callback_case', ['caseId', 'checkType', 'receivedAt'])
export class ProviderCallbackEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;

  @Column('text')
  provider!: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId!: string | null;

  @Column('text', { name: 'check_type', nullable: true })
  checkType!: string | null;

  @Column('text', { name: 'provider_ref', nullable: true })
  providerRef!: string | null;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('text')
  disposition!: CallbackDisposition;
}
