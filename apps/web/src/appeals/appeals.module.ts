import { Module } from '@nestjs/common';
import { AppealsController } from './appeals.controller';

/** Appeals and complaints as staff see them (the queue; the forms still go through the API). */
@Module({ controllers: [AppealsController] })
export class AppealsModule {}
