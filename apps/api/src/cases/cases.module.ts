import { Module } from '@nestjs/common';
import { CaseCommandsService } from './case-commands.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Case reads (read-model) and officer actions (workflow updates). */
@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseCommandsService],
  exports: [CasesService],
})
export class CasesModule {}
