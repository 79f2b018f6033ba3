import { InitialSchema1764054000000 } from './1764054000000-initial-schema';
import { EqualOpportunityMonitoring1764055000000 } from './1764055000000-equal-opportunity-monitoring';
import { AuditLog1764056000000 } from './1764056000000-audit-log';
import { Questionnaire1764057000000 } from './1764057000000-questionnaire';
import { RecordChecks1764058000000 } from './1764058000000-record-checks';
import { Notifications1764059000000 } from './1764059000000-notifications';
import { Clearance1764060000000 } from './1764060000000-clearance';
import { Invitations1764061000000 } from './1764061000000-invitations';
import { WebSessions1764062000000 } from './1764062000000-web-sessions';
import { ClearanceLifecycle1764070000000 } from './1764070000000-clearance-lifecycle';
import { ActivityFailures1764075000000 } from './1764075000000-activity-failures';
import { IntakePerPrincipal1764076000000 } from './1764076000000-intake-per-principal';
import { StaffDirectory1764077000000 } from './1764077000000-staff-directory';
import { ProviderCallbackNonces1764078500000 } from './1764078500000-provider-callback-nonces';
import { EmailDispatch1764079300000 } from './1764079300000-email-dispatch';
import { AuditKeyId1764079500000 } from './1764079500000-audit-key-id';
import { UrgencyIndexes1764081700000 } from './1764081700000-urgency-indexes';
import { RuntimeRoleGrants1764081800000 } from './1764081800000-runtime-role-grants';
import { CaseCounters1764082000000 } from './1764082000000-case-counters';
import { PersonalDataAtRest1764082500000 } from './1764082500000-personal-data-at-rest';
import { WeeklyTrend1764082900000 } from './1764082900000-weekly-trend';
import { OfficerTextAtRest1764083000000 } from './1764083000000-officer-text-at-rest';
import { QuestionnaireReviewAtRest1764083100000 } from './1764083100000-questionnaire-review-at-rest';
import { ClearanceRenewed1764084000000 } from './1764084000000-clearance-renewed';
import { ClearanceTextAtRest1764084100000 } from './1764084100000-clearance-text-at-rest';
import { Appeals1764095000000 } from './1764095000000-appeals';
import { SponsorHold1764096000000 } from './1764096000000-sponsor-hold';
import { AftercareFigures1764097300000 } from './1764097300000-aftercare-figures';
import { AdjudicationQueue1764097400000 } from './1764097400000-adjudication-queue';
import { BaselineChecks1764097500000 } from './1764097500000-baseline-checks';
import { LineManager1764097600000 } from './1764097600000-line-manager';
import { BaselineDraft1764097700000 } from './1764097700000-baseline-draft';
import { AppealEventSide1764097850000 } from './1764097850000-appeal-event-side';
import { StageVisitWorkingDays1764097930000 } from './1764097930000-stage-visit-working-days';
import { AppealPanelSecretary1764097960000 } from './1764097960000-appeal-panel-secretary';

/** Migrations in order. Listed explicitly (not globbed) so compiled and ts-node runs find the same set. */
export const MIGRATIONS = [
  InitialSchema1764054000000,
  EqualOpportunityMonitoring1764055000000,
  AuditLog1764056000000,
  Questionnaire1764057000000,
  RecordChecks1764058000000,
  Notifications1764059000000,
  Clearance1764060000000,
  Invitations1764061000000,
  WebSessions1764062000000,
  ClearanceLifecycle1764070000000,
  ActivityFailures1764075000000,
  IntakePerPrincipal1764076000000,
  StaffDirectory1764077000000,
  ProviderCallbackNonces1764078500000,
  EmailDispatch1764079300000,
  AuditKeyId1764079500000,
  UrgencyIndexes1764081700000,
  RuntimeRoleGrants1764081800000,
  CaseCounters1764082000000,
  PersonalDataAtRest1764082500000,
  WeeklyTrend1764082900000,
  OfficerTextAtRest1764083000000,
  QuestionnaireReviewAtRest1764083100000,
  ClearanceRenewed1764084000000,
  ClearanceTextAtRest1764084100000,
  Appeals1764095000000,
  SponsorHold1764096000000,
  AftercareFigures1764097300000,
  AdjudicationQueue1764097400000,
  BaselineChecks1764097500000,
  LineManager1764097600000,
  BaselineDraft1764097700000,
  AppealEventSide1764097850000,
  StageVisitWorkingDays1764097930000,
  AppealPanelSecretary1764097960000,
];
