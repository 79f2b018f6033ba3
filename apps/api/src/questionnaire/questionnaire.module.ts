import { Module } from '@nestjs/common';
import { DEFAULT_QUESTIONNAIRE_POLICY } from '../../../../libs/domain/src';
import { CasesModule } from '../cases/cases.module';
import { QuestionnaireController } from './questionnaire.controller';
import { QUESTIONNAIRE_POLICY, QuestionnaireService } from './questionnaire.service';

/** The DV security questionnaire: the applicant's drafts and the submitted versions. */
@Module({
  imports: [CasesModule],
  controllers: [QuestionnaireController],
  providers: [
    QuestionnaireService,
    // QuestionnaireStore comes from CasesModule, which keeps the baseline declaration's draft with it.
    { provide: QUESTIONNAIRE_POLICY, useValue: DEFAULT_QUESTIONNAIRE_POLICY },
  ],
  exports: [QuestionnaireService],
})
export class QuestionnaireModule {}
