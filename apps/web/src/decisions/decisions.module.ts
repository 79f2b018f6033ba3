import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';

/** The senior adjudicator's queue (the decision form is a case page). */
@Module({ controllers: [DecisionsController] })
export class DecisionsModule {}
