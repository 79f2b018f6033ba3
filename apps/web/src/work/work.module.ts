import { Module } from '@nestjs/common';
import { WorkController } from './work.controller';

/** The vetting officer's "My work". */
@Module({ controllers: [WorkController] })
export class WorkModule {}
