import { ApiProperty } from '@nestjs/swagger';
import { OPEN_STAGES } from '../../../../libs/domain/src';

export class StageFigures {
  @ApiProperty({ enum: OPEN_STAGES }) stage!: string;
  @ApiProperty() openCases!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Median days open cases have spent in this stage',
  })
  medianDaysInStage!: number | null;
}

export class OldestCase {
  @ApiProperty() id!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() ageDays!: number;
}

export class DashboardSummaryView {
  @ApiProperty() generatedAt!: string;
  @ApiProperty() openCases!: number;
  @ApiProperty({ type: [StageFigures] }) stages!: StageFigures[];
  @ApiProperty({ type: Object, example: { GRANTED: 12, INELIGIBLE: 3 } }) closedByOutcome!: Record<
    string,
    number
  >;
  @ApiProperty({ type: OldestCase, nullable: true }) oldestOpenCase!: OldestCase | null;
}
