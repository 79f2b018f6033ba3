import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { NotificationEntity } from './notification.entity';

/** Where an email stands: waiting, claimed by a sender, accepted by the SMTP server, or rejected for good. */
export type EmailOutboxStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/** The email for one notification (at most one). Its id is the Message-ID's local part, fixed at insert. */
@Entity({ name: 'email_outbox' })
export class EmailOutboxEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'notification_id', unique: true })
  notificationId!: string;

  @OneToOne(() => NotificationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;

  /** Sealed (FieldCipher, `email_outbox.to_address`); NotificationStore opens it. */
  @Column('text', { name: 'to_address' })
  toAddress!: string;

  @Column('text')
  status!: EmailOutboxStatus;

  @Column('integer')
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  /** When a PENDING email is next due for the dispatcher (later after each transient failure). */
  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column('text', { name: 'message_id', unique: true })
  messageId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
