// Jest globalSetup for the web project: Chromium (installed when missing), then the shared Temporal dev server
// and PostgreSQL that the integration and e2e projects use.
import { setUpInfrastructure } from '../../support/test-infrastructure';
import { ensureChromium } from './chromium';

export default async function globalSetup(): Promise<void> {
  ensureChromium();
  await setUpInfrastructure();
}
