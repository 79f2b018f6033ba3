import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_QUESTIONNAIRE_POLICY } from '../../../../libs/domain/src';
import { FieldCipher, QuestionnaireStore } from '../../../../libs/persistence/src';
import { CasesModule } from '../cases/cases.module';
import { QuestionnaireController } from './questionnaire.controller';
import { QUESTIONNAIRE_POLICY, QuestionnaireService } from './questionnaire.service';

/** The DV security questionnaire: the applicant's drafts and the submitted versions. */
@Module({
  imports: [CasesModule],
  controllers: [QuestionnaireController],
  providers: [
    QuestionnaireService,
    {
      provide: QuestionnaireStore,
      inject: [DataSource, FieldCipher],
      useFactory: (db: DataSource, cipher: FieldCipher) => new QuestionnaireStore(db, cipher),
    },
    { provide: QUESTIONNAIRE_POLICY, useValue: DEFAULT_QUESTIONNAIRE_POLICY },
  ],
  exports: [QuestionnaireService],
})
export class QuestionnaireModule {}
