import type { Type } from '@nestjs/common';
import { AftercareModule } from './aftercare/aftercare.module';
import { AppealsModule } from './appeals/appeals.module';
import { ApplicantModule } from './applicant/applicant.module';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { DecisionsModule } from './decisions/decisions.module';
import { HrModule } from './hr/hr.module';
import { MessagesModule } from './messages/messages.module';
import { SponsorModule } from './sponsor/sponsor.module';
import { TeamModule } from './team/team.module';
import { WorkModule } from './work/work.module';

/** Every area of the web service, one Nest module each (add yours here). */
export const PAGE_MODULES: Type[] = [
  WorkModule,
  CasesModule,
  TeamModule,
  DecisionsModule,
  HrModule,
  AuditModule,
  SponsorModule,
  ApplicantModule,
  MessagesModule,
  AftercareModule,
  AppealsModule,
];
