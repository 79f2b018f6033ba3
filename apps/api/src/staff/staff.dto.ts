import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { STAFF_ROLES } from '../../../../libs/domain/src';
import type { Role } from '../../../../libs/domain/src';
import { PageQueryDto } from '../common/page-query.dto';

/** Filters and page for GET /staff. */
export class ListStaffQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES, description: 'Only members holding this staff role' })
  @IsOptional()
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({
    example: 'dv-team-1',
    description: "Only members of this team (a team lead sees their own team's members only)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'team must be letters, digits, dots, dashes or underscores' })
  team?: string;
}

/** A member of staff: opaque id, the name pickers show, staff roles, team. */
export class StaffMemberView {
  @ApiProperty({ example: 'officer-1', description: "The identity provider's subject (opaque)" })
  userId!: string;

  @ApiProperty({ example: 'Olivia Hughes' }) displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) roles!: Role[];

  @ApiProperty({ type: String, nullable: true, example: 'dv-team-1' }) team!: string | null;

  @ApiProperty({ description: 'When these details last changed (from identity-provider claims)' })
  updatedAt!: string;
}

/** One page of the staff directory, by name. */
export class StaffPageView {
  @ApiProperty({ type: [StaffMemberView] }) items!: StaffMemberView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}
