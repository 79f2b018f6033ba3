import { ApplicationIntakeEntity } from './application-intake.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseEventEntity } from './case-event.entity';
import { MonitoringResponseEntity } from './monitoring-response.entity';
import { UserContactEntity } from './notification-contact.entity';
import { EmailOutboxEntity } from './notification-email-outbox.entity';
import { NotificationEntity } from './notification.entity';
import { QuestionnaireDraftEntity } from './questionnaire-draft.entity';
import { QuestionnaireVersionEntity } from './questionnaire-version.entity';
import { ProviderCallbackEntity } from './provider-callback.entity';
import { RecordCheckEntity } from './record-check.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { VettingCaseEntity } from './vetting-case.entity';

export {
  ApplicationIntakeEntity,
  AuditLogEntity,
  CaseEventEntity,
  EmailOutboxEntity,
  MonitoringResponseEntity,
  NotificationEntity,
  QuestionnaireDraftEntity,
  QuestionnaireVersionEntity,
  ProviderCallbackEntity,
  RecordCheckEntity,
  StaffMemberEntity,
  UserContactEntity,
  VettingCaseEntity,
};
/** Every entity, for data sources and Nest's TypeOrmModule. */
export const ENTITIES = [
  VettingCaseEntity,
  CaseEventEntity,
  ApplicationIntakeEntity,
  AuditLogEntity,
  MonitoringResponseEntity,
  QuestionnaireDraftEntity,
  QuestionnaireVersionEntity,
  RecordCheckEntity,
  ProviderCallbackEntity,
  NotificationEntity,
  EmailOutboxEntity,
  UserContactEntity,
  StaffMemberEntity,
];
