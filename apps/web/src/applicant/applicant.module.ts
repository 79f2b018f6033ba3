import { Module } from '@nestjs/common';
import { ApplicantController } from './applicant.controller';

/** The applicant's pages: their application's status and outcome, and withdrawing it. */
@Module({ controllers: [ApplicantController] })
export class ApplicantModule {}
