import { Module } from '@nestjs/common';
import { AftercareController } from './aftercare.controller';
import { AftercareService } from './aftercare.service';
import { ClearancesController } from './clearances.controller';
import { ClearancesService } from './clearances.service';

/**
 * Clearance records: sponsor lookups, and the aftercare of held clearances. ClearancesController comes first so
 * its fixed paths (status) are matched before AftercareController's `:clearanceId`.
 */
@Module({
  controllers: [ClearancesController, AftercareController],
  providers: [ClearancesService, AftercareService],
})
export class ClearancesModule {}
