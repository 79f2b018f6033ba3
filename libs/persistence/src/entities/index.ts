import { ApplicationIntakeEntity } from './application-intake.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseEventEntity } from './case-event.entity';
import { MonitoringResponseEntity } from './monitoring-response.entity';
import { QuestionnaireDraftEntity } from './questionnaire-draft.entity';
import { QuestionnaireVersionEntity } from './questionnaire-version.entity';
import { VettingCaseEntity } from './vetting-case.entity';

export {
  ApplicationIntakeEntity,
  AuditLogEntity,
  CaseEventEntity,
  MonitoringResponseEntity,
  QuestionnaireDraftEntity,
  QuestionnaireVersionEntity,
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
];
