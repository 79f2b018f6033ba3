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

/** Service-level figures. */
export class SlaFigures {
  @ApiProperty({ description: 'The DV target, in working days from questionnaire acceptance to decision' })
  dvTargetWorkingDays!: number;
  @ApiProperty() decidedCases!: number;
  @ApiProperty() decidedWithinTarget!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'decidedWithinTarget / decidedCases' })
  shareDecidedWithinTarget!: number | null;
  @ApiProperty({ type: Object, example: { INVESTIGATION: 2 } }) breachedOpenByStage!: Record<string, number>;
  @ApiProperty({ type: Object, example: { QUESTIONNAIRE: 1 } }) atRiskOpenByStage!: Record<string, number>;
  @ApiProperty({ type: Object, example: { QUESTIONNAIRE: 6.5 } }) medianWorkingDaysByStage!: Record<
    string,
    number | null
  >;
}

export class DashboardSummaryView {
  @ApiProperty({ type: SlaFigures }) sla!: SlaFigures;
  @ApiProperty() generatedAt!: string;
  @ApiProperty() openCases!: number;
  @ApiProperty({ type: [StageFigures] }) stages!: StageFigures[];
  @ApiProperty({ type: Object, example: { GRANTED: 12, INELIGIBLE: 3 } }) closedByOutcome!: Record<
    string,
    number
  >;
  @ApiProperty({
    type: OldestCase,
    nullable: true,
    description: "Team leads (their team's) and admins only; null for HR analysts, who see aggregates only",
  })
  oldestOpenCase!: OldestCase | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The team the figures cover (a team lead's own), or null for every team",
  })
  team!: string | null;
}
