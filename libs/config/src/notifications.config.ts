import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { discretionViolations } from '../../domain/src/notifications';
import { AsNumber, defineConcern, readConcern, Variable } from './variables';
import type { Env } from './variables';

/** Outgoing email over SMTP; null in NotificationConfig when SMTP_HOST is unset (email disabled). */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465 style); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  pass: string | null;
  /** The From address; it must be as discreet as the messages. */
  from: string;
}

/** Case notifications: the sign-in address every message points to, and email delivery. */
export interface NotificationConfig {
  signInUrl: string;
  smtp: SmtpConfig | null;
  /** How long an email may stay claimed (SENDING) before the dispatcher assumes its sender died and resends it. */
  resendAfterMs: number;
  /** How the worker's outbox dispatcher delivers queued emails, apart from any workflow. */
  dispatch: EmailDispatchConfig;
}

/** The outbox dispatcher's pace: how often it looks for due emails, how many it takes, how it backs off. */
export interface EmailDispatchConfig {
  /** Pause between passes over the outbox when the last pass found nothing more to do. */
  intervalMs: number;
  /** Most emails claimed (and sent concurrently) in one pass. */
  batchSize: number;
  /** First wait after a transient failure; it doubles with each failed attempt of the same email. */
  retryInitialMs: number;
  /** Longest wait between attempts of one email: how late an email goes out after the mail server is back. */
  retryMaxMs: number;
}

class NotificationVariables {
  @Variable('the sign-in address in every message; must be discreet (checked at boot)', {
    default: '`http://localhost:<PORT>/`',
  })
  @Matches(/^https?:\/\/\S+$/, { message: 'APP_SIGN_IN_URL must be an http(s) URL' })
  @IsOptional()
  APP_SIGN_IN_URL?: string;

  @Variable('SMTP server; email is disabled without it', { default: 'unset: email disabled' })
  @IsString()
  @IsOptional()
  SMTP_HOST?: string;

  @Variable('SMTP port', { default: '`465` if `SMTP_SECURE`, else `587`' })
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  @IsOptional()
  SMTP_PORT?: number;

  @Variable('`true`: TLS from the start (port 465); `false`: STARTTLS if the server offers it')
  @IsIn(['true', 'false'])
  @IsOptional()
  SMTP_SECURE: 'true' | 'false' = 'false';

  @Variable('SMTP user name; set together with `SMTP_PASS`', { default: 'none' })
  @IsString()
  @IsOptional()
  SMTP_USER?: string;

  @Variable('SMTP password; set together with `SMTP_USER`', { default: 'none' })
  @IsString()
  @IsOptional()
  SMTP_PASS?: string;

  @Variable('From address, also the Message-ID domain; must be discreet (checked at boot)')
  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message:
      'SMTP_FROM must be an address, e.g. no-reply@example.org or "Notifications <no-reply@example.org>"',
  })
  @IsOptional()
  SMTP_FROM = 'no-reply@localhost';

  // Longer than one SMTP send can take (the transport's own timeouts add up to under a minute).
  @Variable(
    'how long an email may stay claimed before the dispatcher presumes its sender dead and resends it (at least `60000`)',
  )
  @AsNumber()
  @IsInt()
  @Min(60_000)
  @IsOptional()
  EMAIL_RESEND_AFTER_MS = 5 * 60 * 1000;

  @Variable('how often the worker looks in the email outbox for emails due to be sent (milliseconds)')
  @AsNumber()
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  @IsOptional()
  EMAIL_DISPATCH_INTERVAL_MS = 2000;

  @Variable('most emails the worker claims and sends in one pass over the outbox')
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  @IsOptional()
  EMAIL_DISPATCH_BATCH_SIZE = 20;

  @Variable('wait before the second attempt of an email the mail server did not take; doubles per attempt')
  @AsNumber()
  @IsInt()
  @Min(10)
  @IsOptional()
  EMAIL_RETRY_INITIAL_MS = 10_000;

  // Also the bound on how late a queued email goes out once the mail server is back.
  @Variable('longest wait between two attempts of one email (the backoff stops doubling here)')
  @AsNumber()
  @IsInt()
  @Min(10)
  @IsOptional()
  EMAIL_RETRY_MAX_MS = 2 * 60 * 1000;
}

/** APP_SIGN_IN_URL, SMTP_* and EMAIL_* (resend, dispatch and retry timing). */
export const notificationsConfig = defineConcern({
  title: 'Notifications',
  summary: 'The sign-in address every message points to, and email delivery over SMTP.',
  variables: NotificationVariables,
  build: (vars, problems, env): NotificationConfig => {
    const port = /^\d{1,5}$/.test(env.PORT ?? '') ? (env.PORT as string) : '3000';
    const signInUrl = vars.APP_SIGN_IN_URL ?? `http://localhost:${port}/`;
    // Both appear in every email; refusing them here beats refusing every message at send time.
    for (const [name, value] of [
      ['APP_SIGN_IN_URL', signInUrl],
      ['SMTP_FROM', vars.SMTP_FROM],
    ] as const) {
      const words = discretionViolations(value);
      if (words.length > 0) problems.push(`${name} must be discreet; it contains ${words.join(', ')}`);
    }
    const host = vars.SMTP_HOST?.trim() ?? '';
    if ((vars.SMTP_USER === undefined) !== (vars.SMTP_PASS === undefined)) {
      problems.push('SMTP_USER and SMTP_PASS must be set together');
    }
    const secure = vars.SMTP_SECURE === 'true';
    if (vars.EMAIL_RETRY_MAX_MS < vars.EMAIL_RETRY_INITIAL_MS) {
      problems.push('EMAIL_RETRY_MAX_MS must be at least EMAIL_RETRY_INITIAL_MS');
    }
    return {
      signInUrl,
      smtp:
        host === ''
          ? null
          : {
              host,
              port: vars.SMTP_PORT ?? (secure ? 465 : 587),
              secure,
              user: vars.SMTP_USER ?? null,
              pass: vars.SMTP_PASS ?? null,
              from: vars.SMTP_FROM,
            },
      resendAfterMs: vars.EMAIL_RESEND_AFTER_MS,
      dispatch: {
        intervalMs: vars.EMAIL_DISPATCH_INTERVAL_MS,
        batchSize: vars.EMAIL_DISPATCH_BATCH_SIZE,
        retryInitialMs: vars.EMAIL_RETRY_INITIAL_MS,
        retryMaxMs: vars.EMAIL_RETRY_MAX_MS,
      },
    };
  },
});

/** The notification configuration alone; throws ConfigError naming every bad variable. */
export function notificationConfigFromEnv(env: Env = process.env): NotificationConfig {
  return readConcern(notificationsConfig, env);
}
