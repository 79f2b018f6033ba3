// `npm run temporal-server:install`: makes sure the Temporal server and its SQL tool are in .tools/bin (copying
// a build already on this machine, or building them with `go install`), with their PostgreSQL schema files.
import { errorMessage } from './lib/log';
import { ensureTemporalServer } from './lib/temporal-server';

ensureTemporalServer()
  .then((tools) => {
    console.log(`server      ${tools.server}`);
    console.log(`sql tool    ${tools.sqlTool}`);
    console.log(`schema      ${tools.postgresSchemaDir}`);
  })
  .catch((error: unknown) => {
    console.error(errorMessage(error));
    process.exit(1);
  });
