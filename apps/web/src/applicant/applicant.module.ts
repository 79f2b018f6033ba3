import { Module } from '@nestjs/common';
import { ApplicantController } from './applicant.controller';
import { ApplyController } from './apply.controller';

/** The applicant's pages: applying, their application's status and outcome, and withdrawing it. */
// ApplyController comes first: ApplicantController's `/application/:id` would otherwise take `/application/apply`.
@Module({ controllers: [ApplyController, ApplicantController] })
export class ApplicantModule {}
