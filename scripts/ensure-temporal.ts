// `npm run temporal:install`: makes sure a Temporal CLI is available (building it if need be) and prints its path.
import { ensureTemporalCli } from './lib/temporal-cli';
import { errorMessage } from './lib/log';

ensureTemporalCli()
  .then((path) => console.log(path))
  .catch((error: unknown) => {
    console.error(errorMessage(error));
    process.exit(1);
  });
