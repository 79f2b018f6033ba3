import { createDataSource } from './data-source';

/** For the TypeORM CLI only: `npx typeorm migration:show -d dist/libs/persistence/src/typeorm-cli.data-source.js`. */
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vetting');
