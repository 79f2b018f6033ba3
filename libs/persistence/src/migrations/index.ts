import { InitialSchema1764054000000 } from './1764054000000-initial-schema';

/** Migrations in order. Listed explicitly (not globbed) so compiled and ts-node runs find the same set. */
export const MIGRATIONS = [InitialSchema1764054000000];
