import { InitialSchema1764054000000 } from './1764054000000-initial-schema';
import { EqualOpportunityMonitoring1764055000000 } from './1764055000000-equal-opportunity-monitoring';
import { AuditLog1764056000000 } from './1764056000000-audit-log';
import { Questionnaire1764057000000 } from './1764057000000-questionnaire';
import { RecordChecks1764058000000 } from './1764058000000-record-checks';
import { Notifications1764059000000 } from './1764059000000-notifications';
import { Clearance1764060000000 } from './1764060000000-clearance';
import { Invitations1764061000000 } from './1764061000000-invitations';

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
];
