import { Module } from '@nestjs/common';
import { ApplicantController } from './applicant.controller';
import { QuestionnaireController } from './questionnaire.controller';

/**
 * The applicant's pages: their application's status and outcome, withdrawing it, and the questionnaire. The
 * questionnaire's routes come first: `/application/questionnaire` is not an application id.
 */
@Module({ controllers: [QuestionnaireController, ApplicantController] })
export class ApplicantModule {}
