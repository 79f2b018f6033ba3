import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MONITORING_CATEGORIES, MonitoringCategory } from '../../../../../libs/domain/src';

/** Which category the equal-opportunity dashboard breaks the funnel down by. */
export class EqualOpportunityQueryDto {
  @ApiProperty({ enum: MONITORING_CATEGORIES, example: 'ethnicity' })
  @IsIn(MONITORING_CATEGORIES)
  category!: MonitoringCategory;
}

/** A count as published: rounded, or suppressed with no number at all. */
export class CountCellView {
  @ApiPropertyOptional({ description: 'Rounded to the policy base; absent when suppressed', example: 35 })
  value?: number;

  @ApiPropertyOptional({
    enum: [true],
    description: 'Present (true) instead of value when the count is hidden',
  })
  suppressed?: true;
}

/** The recruitment funnel of a group, or of all cases. */
export class FunnelView {
  @ApiProperty({ type: CountCellView, description: 'All cases' }) applied!: CountCellView;
  @ApiProperty({ type: CountCellView, description: 'Cases still open' }) inProgress!: CountCellView;
  @ApiProperty({
    type: CountCellView,
    description: 'Published granted plus published refused; withheld with either',
  })
  decided!: CountCellView;
  @ApiProperty({ type: CountCellView, description: 'Granted, with or without conditions' })
  granted!: CountCellView;
  @ApiProperty({ type: CountCellView }) refused!: CountCellView;
  @ApiProperty({ type: CountCellView, description: 'Ineligible, withdrawn or lapsed' })
  closedWithoutDecision!: CountCellView;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Published granted over published decided (never the real counts); null when either is withheld',
  })
  successRate!: number | null;
}

/** The funnel of one group of the category. */
export class GroupFunnelView extends FunnelView {
  @ApiProperty({ example: 'WHITE', description: 'An answer, or NOT_ANSWERED' }) group!: string;
}

/** The suppression applied to every figure. */
export class SuppressionPolicyView {
  @ApiProperty({ example: 10 }) minimumCellCount!: number;
  @ApiProperty({ example: 5 }) roundingBase!: number;
}

/** HR's equal-opportunity dashboard for one category: aggregates only, after small-number suppression. */
export class EqualOpportunityView {
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ enum: MONITORING_CATEGORIES }) category!: MonitoringCategory;
  @ApiProperty({ type: SuppressionPolicyView }) policy!: SuppressionPolicyView;
  @ApiProperty({ type: [GroupFunnelView] }) groups!: readonly GroupFunnelView[];
  @ApiProperty({ type: FunnelView }) allCases!: FunnelView;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Published all cases less the published PREFER_NOT_TO_SAY and NOT_ANSWERED rows, over published all cases; null when any is withheld or the difference is under k',
  })
  declarationRate!: number | null;
}
