import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../../../domain/src/roles';

/**
 * One member of staff in the staff directory: their opaque user id (the token's `sub`), the name pickers show,
 * the staff roles they hold and their team, as last seen in the identity provider's claims (or, on the embedded
 * default, the local users). Written only by StaffDirectoryStore.
 */
@Entity({ name: 'staff_member' })
export class StaffMemberEntity {
  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  roles!: Role[];

  @Index('ix_staff_member_team')
  @Column('text', { nullable: true })
  team!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  // Not @VersionColumn: the store bumps it in SQL, in the same statement as the change.
  @Column('integer', { default: 1 })
  version!: number;
}
