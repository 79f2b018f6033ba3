import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's own email address for notifications, set by them, until there is a user directory. */
@Entity({ name: 'user_contact' })
export class UserContactEntity {
  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  /** Sealed (FieldCipher, `user_contact.email`); NotificationStore opens it. */
  @Column('text')
  email!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
