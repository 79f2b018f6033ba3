import { InitialSchema1764054000000 } from './1764054000000-initial-schema';
import { AuditLog1764056000000 } from './1764056000000-audit-log';

/** Migrations in order. Listed explicitly (not globbed) so compiled and ts-node runs find the same set. */
export const MIGRATIONS = [InitialSchema1764054000000, AuditLog1764056000000];
