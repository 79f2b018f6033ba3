import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One message in a user's in-app inbox. Written by the notification activity, keyed by its dedupe key. */
@Entity({ name: 'notification' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Opaque user id (a token subject), never a name or an email address. */
  @Column('text')
  recipient!: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId!: string | null;

  @Column('text')
  reason!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  body!: string;

  @Column('text', { name: 'dedupe_key', unique: true })
  dedupeKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt!: Date | null;
}
