// Jest globalTeardown for the integration and e2e projects. See test-infrastructure.ts.
import { tearDownInfrastructure } from './test-infrastructure';

export default function globalTeardown(): Promise<void> {
  return tearDownInfrastructure();
}
