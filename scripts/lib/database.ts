import { Client } from 'pg';

/** Runs `fn` with a connected client, always closing it. */
async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `url` with its database name replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name in a postgres:// URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Creates database `name` on the server `adminUrl` points at, unless it exists. Returns whether it created it. */
export function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process (a second `npm start`, a parallel test run) created it between our check and now.
      if (isPgError(error) && error.code === '42P04') return false;
      throw error;
    }
  });
}

/**
 * Drops database `name` if it exists. By default it disconnects sessions still using it (a test that forgot
 * to close its pool must not leave the database behind); with `force: false` such a database is an error.
 */
export function dropDatabase(adminUrl: string, name: string, { force = true } = {}): Promise<void> {
  return withClient(adminUrl, async (client) => {
    await client.query(
      `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}${force ? ' WITH (FORCE)' : ''}`,
    );
  });
}

/** Names of the databases on the server whose names start with `prefix`. */
export function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [prefix],
    );
    return result.rows.map((row) => row.datname);
  });
}

function isPgError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Makes sure the login role `vetting_runtime` exists with `password` and holds `vetting_app` (the privileges
 * the migrations grant the running apps: read and write, append only on the audit trail and histories, no
 * schema changes), and returns `ownerUrl` rewritten to log in as it. Run as the owner, after the migrations.
 */
export function ensureRuntimeLogin(ownerUrl: string, password: string): Promise<string> {
  return withClient(ownerUrl, async (client) => {
    const exists = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = 'vetting_runtime'`);
    if (!exists.rowCount) {
      try {
        await client.query('CREATE ROLE vetting_runtime LOGIN');
      } catch (error) {
        // A second start made it between our check and now (roles are cluster-wide).
        if (!(isPgError(error) && (error.code === '42710' || error.code === '23505'))) throw error;
      }
    }
    await client.query(
      `ALTER ROLE vetting_runtime LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
    );
    await client.query('GRANT vetting_app TO vetting_runtime');
    const database = client.escapeIdentifier(databaseName(ownerUrl));
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO vetting_app`);
    const runtime = new URL(ownerUrl);
    runtime.username = 'vetting_runtime';
    runtime.password = encodeURIComponent(password);
    return runtime.toString();
  });
}
