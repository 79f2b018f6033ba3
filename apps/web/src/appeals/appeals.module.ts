import { Module } from '@nestjs/common';
import { AppealsController } from './appeals.controller';
import { AppellantController } from './appellant.controller';

/** Appeals and complaints as staff see them (the queue; the forms still go through the API). */
@Module({ controllers: [AppealsController, AppellantController] })
export class AppealsModule {}
