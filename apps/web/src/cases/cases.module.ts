import { Module } from '@nestjs/common';
import { CaseReader } from './case-reader.service';
import { CasesController } from './cases.controller';

/** The case pages staff work from. */
@Module({ controllers: [CasesController], providers: [CaseReader], exports: [CaseReader] })
export class CasesModule {}
