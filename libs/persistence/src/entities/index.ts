import { ApplicationIntakeEntity } from './application-intake.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseEventEntity } from './case-event.entity';
import { VettingCaseEntity } from './vetting-case.entity';

export { ApplicationIntakeEntity, AuditLogEntity, CaseEventEntity, VettingCaseEntity };
/** Every entity, for data sources and Nest's TypeOrmModule. */
export const ENTITIES = [VettingCaseEntity, CaseEventEntity, ApplicationIntakeEntity, AuditLogEntity];
