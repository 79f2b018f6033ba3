import { ApiProperty } from '@nestjs/swagger';
import type { QuestionnaireDraft, QuestionnaireProblemCode } from '../../../../libs/domain/src';

/** One thing that stops the questionnaire being submitted, located by a dotted path into it. */
export class QuestionnaireProblemView {
  @ApiProperty({ example: 'addresses.periods.2.to' }) path!: string;
  @ApiProperty({ example: 'FUTURE_DATE' }) code!: QuestionnaireProblemCode;
  @ApiProperty({ example: 'to 2031-01-01 is in the future (today is 2026-05-01)' }) message!: string;
}

/** The applicant's draft, and what it still needs before it can be submitted. */
export class QuestionnaireDraftView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'Send it back as If-Match when saving; 0 while nothing has been saved' })
  version!: number;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
  @ApiProperty({ type: Object, description: 'The questionnaire so far' }) content!: QuestionnaireDraft;
  @ApiProperty({ type: [QuestionnaireProblemView] }) problems!: QuestionnaireProblemView[];
  @ApiProperty({ description: 'True when there are no problems' }) submittable!: boolean;
  @ApiProperty({ format: 'date', description: 'The day the problems were judged on (UK date)' })
  asOf!: string;
}

/** One submitted version of the questionnaire, without its content. */
export class QuestionnaireVersionSummaryView {
  @ApiProperty() version!: number;
  @ApiProperty() submittedAt!: string;
  @ApiProperty() submittedBy!: string;
}

/** Every submitted version of a case's questionnaire, oldest first. */
export class QuestionnaireVersionListView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [QuestionnaireVersionSummaryView] }) items!: QuestionnaireVersionSummaryView[];
}

/** One submitted version of the questionnaire, as it was submitted. */
export class QuestionnaireVersionView extends QuestionnaireVersionSummaryView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: Object }) content!: QuestionnaireDraft;
}
