import { Module } from '@nestjs/common';
import { ClearancesController } from './clearances.controller';
import { ClearancesService } from './clearances.service';

/** Clearance records: sponsor lookups. */
@Module({ controllers: [ClearancesController], providers: [ClearancesService] })
export class ClearancesModule {}
