import { ApiProperty } from '@nestjs/swagger';

/** A write the database refused for good (activity_failure): ids and codes only, never the refused value. */
export class RefusedWriteView {
  @ApiProperty({ example: '42', description: 'The activity_failure id' })
  id!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  caseId!: string | null;

  @ApiProperty({ example: 'vetting-case-6f1c...' })
  workflowId!: string;

  @ApiProperty({ example: 'recordTransition' })
  activity!: string;

  @ApiProperty({ example: '22021', description: "PostgreSQL's SQLSTATE" })
  sqlstate!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  resolvedAt!: string | null;
}

/** The open refused writes, oldest first. */
export class RefusedWritesView {
  @ApiProperty({ type: [RefusedWriteView] })
  items!: RefusedWriteView[];
}
