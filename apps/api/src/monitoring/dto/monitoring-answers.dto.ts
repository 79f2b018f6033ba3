import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MONITORING_QUESTIONS, MonitoringAnswer, MonitoringAnswers } from '../../../../../libs/domain/src';

const ANSWER = 'Leave out, or send null, to not answer; PREFER_NOT_TO_SAY to decline explicitly.';

/** The applicant's voluntary answers. Every question is optional; the whole set replaces any earlier one. */
export class MonitoringAnswersDto implements MonitoringAnswers {
  @ApiPropertyOptional({ enum: MONITORING_QUESTIONS.sex, nullable: true, description: ANSWER })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.sex)
  sex?: MonitoringAnswer<'sex'> | null;

  @ApiPropertyOptional({ enum: MONITORING_QUESTIONS.ethnicity, nullable: true, description: ANSWER })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.ethnicity)
  ethnicity?: MonitoringAnswer<'ethnicity'> | null;

  @ApiPropertyOptional({ enum: MONITORING_QUESTIONS.disability, nullable: true, description: ANSWER })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.disability)
  disability?: MonitoringAnswer<'disability'> | null;

  @ApiPropertyOptional({ enum: MONITORING_QUESTIONS.ageBand, nullable: true, description: ANSWER })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.ageBand)
  ageBand?: MonitoringAnswer<'ageBand'> | null;

  @ApiPropertyOptional({ enum: MONITORING_QUESTIONS.sexualOrientation, nullable: true, description: ANSWER })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.sexualOrientation)
  sexualOrientation?: MonitoringAnswer<'sexualOrientation'> | null;

  @ApiPropertyOptional({ enum: MONITORING_QUESTIONS.religion, nullable: true, description: ANSWER })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.religion)
  religion?: MonitoringAnswer<'religion'> | null;

  @ApiPropertyOptional({
    enum: MONITORING_QUESTIONS.socioEconomicBackground,
    nullable: true,
    description: ANSWER,
  })
  @IsOptional()
  @IsIn(MONITORING_QUESTIONS.socioEconomicBackground)
  socioEconomicBackground?: MonitoringAnswer<'socioEconomicBackground'> | null;
}
