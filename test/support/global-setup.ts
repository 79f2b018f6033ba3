// Jest globalSetup for the integration and e2e projects: one Temporal dev server and one fresh, migrated
// PostgreSQL database for the whole run. See test-infrastructure.ts.
import { setUpInfrastructure } from './test-infrastructure';

export default function globalSetup(): Promise<void> {
  return setUpInfrastructure();
}
