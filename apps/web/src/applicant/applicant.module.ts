import { Module } from '@nestjs/common';
import { ApplicantController } from './applicant.controller';
import { ApplyController } from './apply.controller';
import { BaselineController } from './baseline.controller';
import { QuestionnaireController } from './questionnaire.controller';

/**
 * The applicant's pages: applying, their application's status and outcome, withdrawing it, and the
 * baseline declaration and the questionnaire. Applying's, the baseline's and the questionnaire's routes come
 * first: `/application/apply`, `/application/baseline` and `/application/questionnaire` are not application ids
 * (ApplicantController's `/application/:id`).
 */
@Module({ controllers: [ApplyController, BaselineController, QuestionnaireController, ApplicantController] })
export class ApplicantModule {}
