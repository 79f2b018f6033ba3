import { notificationConfigFromEnv } from '../../libs/config/src/app-config';
import { CaseHarness } from './case-harness';
import type { SmtpSink } from './smtp-sink';

/** A case harness whose worker emails through the given in-process SMTP sink. */
export function caseHarnessWithSmtp(sink: SmtpSink): CaseHarness {
  return new CaseHarness({
    notifications: {
      ...notificationConfigFromEnv({}),
      smtp: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        user: null,
        pass: null,
        from: 'no-reply@localhost',
      },
    },
  });
}
