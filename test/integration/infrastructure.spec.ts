// Smoke test of what test/support/global-setup.ts provides: if this fails, every other integration and e2e
// failure is probably an environment problem rather than a product bug.
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { temporalAddress, temporalNamespace, testDatabaseUrl } from '../support/env';

describe('test infrastructure', () => {
  it('provides a fresh, migrated database of its own', async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; migrations: number }>(
        'SELECT current_database() AS name, (SELECT count(*)::int FROM schema_migrations) AS migrations',
      );
      expect(rows[0]?.name).toMatch(/^vetting_test_/);
      expect(rows[0]?.migrations).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('provides a Temporal server with the namespace the apps use', async () => {
    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      const { namespaces } = await connection.workflowService.listNamespaces({});
      expect(namespaces.map((n) => n.namespaceInfo?.name)).toContain(temporalNamespace());
    } finally {
      await connection.close();
    }
  });
});
