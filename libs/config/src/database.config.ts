import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { defineConcern, Variable } from './variables';

class DatabaseVariables {
  @Variable('PostgreSQL URL of the read-model, audit log and outboxes; required by the apps', {
    default: 'required (`npm start` sets it to its embedded PostgreSQL)',
  })
  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL is required, e.g. postgres://user:pass@host:5432/vetting' })
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;
}

/** DATABASE_URL. */
export const databaseConfig = defineConcern({
  title: 'Database',
  summary: 'Where the read-model lives. Migrations run at start-up (`npm run migration:run` does it alone).',
  variables: DatabaseVariables,
  build: (vars): { url: string } => ({ url: vars.DATABASE_URL }),
});
