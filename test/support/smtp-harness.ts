import { notificationConfigFromEnv } from '../../libs/config/src/app-config';
import { CaseHarness } from './case-harness';
import type { SmtpSink } from './smtp-sink';

/** Dispatcher timing short enough that a test waits for emails in tenths of a second, not minutes. */
export const FAST_EMAIL_DISPATCH_ENV = {
  EMAIL_DISPATCH_INTERVAL_MS: '100',
  EMAIL_RETRY_INITIAL_MS: '100',
  EMAIL_RETRY_MAX_MS: '500',
};

/**
 * A case harness whose worker (and outbox dispatcher) emails through the given in-process SMTP sink, on the
 * database `databaseUrl` gives (create it with createPrivateDatabase, so no other suite's emails are in it).
 */
export function caseHarnessWithSmtp(sink: SmtpSink, databaseUrl: () => string): CaseHarness {
  return new CaseHarness(
    {
      notifications: {
        ...notificationConfigFromEnv(FAST_EMAIL_DISPATCH_ENV),
        smtp: {
          host: '127.0.0.1',
          port: sink.port,
          secure: false,
          user: null,
          pass: null,
          from: 'no-reply@localhost',
        },
      },
    },
    databaseUrl,
  );
}
