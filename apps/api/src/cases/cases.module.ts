import { Module } from '@nestjs/common';
import { CaseAccessService } from './case-access.service';
import { CaseCommandsService } from './case-commands.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { SponsoredCasesController, SponsorshipRequestsController } from './sponsored-cases.controller';

/** Case reads (read-model) and officer actions (workflow updates). */
@Module({
  controllers: [CasesController, SponsoredCasesController, SponsorshipRequestsController],
  providers: [CasesService, CaseCommandsService, CaseAccessService],
  exports: [CasesService, CaseAccessService, CaseCommandsService],
})
export class CasesModule {}
