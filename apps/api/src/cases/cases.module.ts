import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher, QuestionnaireStore } from '../../../../libs/persistence/src';
import { CaseAccessService } from './case-access.service';
import { CaseCommandsService } from './case-commands.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { SponsoredCasesController, SponsorshipRequestsController } from './sponsored-cases.controller';

/** Case reads (read-model) and officer actions (workflow updates). */
@Module({
  controllers: [CasesController, SponsoredCasesController, SponsorshipRequestsController],
  providers: [
    CasesService,
    CaseCommandsService,
    CaseAccessService,
    // Here rather than in the questionnaire's module: the baseline declaration's draft is kept by the same store.
    {
      provide: QuestionnaireStore,
      inject: [DataSource, FieldCipher],
      useFactory: (db: DataSource, cipher: FieldCipher) => new QuestionnaireStore(db, cipher),
    },
  ],
  exports: [CasesService, CaseAccessService, CaseCommandsService, QuestionnaireStore],
})
export class CasesModule {}
