import type { DynamicModule, LoggerService } from '@nestjs/common';
import type { LogEntry } from '@temporalio/worker';
import { LoggerModule } from 'nestjs-pino';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';
import pretty from 'pino-pretty';
import { caseIdFromWorkflowId } from '../../contracts/src/workflow-ids';
import { redactDatabaseText, sanitiseLogFields } from './log-sanitiser';

/** `json`: one JSON object per line (production); `text`: one readable line per event (a terminal). */
export type LogFormat = 'json' | 'text';

export interface AppLoggerOptions {
  format: LogFormat;
  /** `api` or `worker`; on every line, so merged streams stay attributable. */
  service: string;
  /** Default `info`; `silent` turns the logger off (tests that do not read logs). */
  level?: Level | 'silent';
  /** Where lines go; default stdout. Tests pass a sink they can read. */
  destination?: DestinationStream;
}

/** The message field of every line; Nest services log `{ message, caseId, ... }` objects. */
export const MESSAGE_KEY = 'message';

const SECRET_KEYS = [
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'idToken',
  'refreshToken',
  'taskToken',
  'password',
  'pass',
  'secret',
  'signature',
];
const PERSONAL_KEYS = [
  'email',
  'toAddress',
  'givenName',
  'familyName',
  'dateOfBirth',
  'addressHistory',
  'application',
  'answers',
  'notes',
];

/**
 * Fields removed from every line, at the top level and one level down. Nothing here is logged on purpose (the
 * code logs opaque ids); this is the net under a mistake, so a token or a name logged by accident never lands.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...[...SECRET_KEYS, ...PERSONAL_KEYS].flatMap((key) => [key, `*.${key}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-provider-signature"]',
  'res.headers["set-cookie"]',
];

/** One pino logger per process: ISO timestamps, level names, a service field, redaction, JSON or one-line text. */
export function createAppLogger(options: AppLoggerOptions): Logger {
  const destination =
    options.format === 'text'
      ? pretty({
          // Colour only for a person at a terminal; files, pipes (`npm start`) and test sinks get plain text.
          colorize: !options.destination && process.stdout.isTTY === true,
          singleLine: true,
          messageKey: MESSAGE_KEY,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,service',
          sync: true,
          ...(options.destination ? { destination: options.destination } : {}),
        })
      : (options.destination ?? pino.destination({ sync: true }));
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      messageKey: MESSAGE_KEY,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors and payloads made safe in the fields (formatters.log) and in the message text (logMethod).
      formatters: { level: (label) => ({ level: label }), log: sanitiseLogFields },
      hooks: {
        logMethod(args, method) {
          const safe = args.map((arg: unknown) => (typeof arg === 'string' ? redactDatabaseText(arg) : arg));
          method.apply(this, safe as Parameters<typeof method>);
        },
      },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * Nest's `Logger` routed into `logger`: every `new Logger(Context)` line becomes one pino line with its
 * context, and (with `http`) the request id of the request it belongs to.
 */
export function appLoggerModule(
  logger: Logger,
  http: Omit<Params['pinoHttp'] & object, 'logger'> = {},
): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { ...http, logger } });
}

/** Nest's own start-up chatter (a line per module and per route); kept at debug level. */
const NEST_BOOTSTRAP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Nest's logger with its start-up chatter demoted to debug, so the first lines of a process say something. */
export function quietNestLogger(logger: LoggerService): LoggerService {
  const isBootstrap = (params: unknown[]): boolean => {
    const context = params[params.length - 1];
    return typeof context === 'string' && NEST_BOOTSTRAP_CONTEXTS.has(context);
  };
  // Nest's LoggerService methods return `any`; these forward and return nothing.
  return {
    log: (message: unknown, ...params: unknown[]): void => {
      if (isBootstrap(params)) logger.debug?.(message, ...params);
      else logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]): void => void logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]): void => void logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]): void => void logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]): void => void logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]): void => void logger.fatal?.(message, ...params),
  };
}

const LEVELS: Record<LogEntry['level'], Level> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * What the Temporal SDK adds to every workflow and activity line that says nothing an operator needs (or,
 * for taskToken, something nobody should see): the line keeps its message, the case id, the workflow or
 * activity type, the attempt when it is a retry, and the fields the code logged itself.
 */
const SDK_NOISE = new Set([
  'taskToken',
  'namespace',
  'taskQueue',
  'runId',
  'workflowRunId',
  'activityId',
  'activityRunId',
  'updateId',
  'isLocal',
  'scheduledTimestampMs',
  'startToCloseTimeoutMs',
  'scheduleToCloseTimeoutMs',
  'heartbeatTimeoutMs',
  'currentAttemptScheduledTimestampMs',
  'heartbeatDetails',
  'sdkComponent',
  'workflowId',
]);

/** Routes Temporal SDK log entries into the app logger: one line per event, with the case id, and nothing else. */
export function temporalLogSink(logger: Logger): (entry: LogEntry) => void {
  return (entry) => {
    const meta: Record<string, unknown> = entry.meta ?? {};
    const line: Record<string, unknown> = {
      context: `temporal:${typeof meta.sdkComponent === 'string' ? meta.sdkComponent : 'worker'}`,
    };
    for (const [key, value] of Object.entries(meta)) {
      if (SDK_NOISE.has(key) || value === undefined) continue;
      if (key === 'attempt' && value === 1) continue;
      line[key] = value;
    }
    const workflowId = typeof meta.workflowId === 'string' ? meta.workflowId : undefined;
    const caseId = workflowId ? caseIdFromWorkflowId(workflowId) : null;
    if (caseId && line.caseId === undefined) line.caseId = caseId;
    else if (workflowId && !caseId) line.workflowId = workflowId;
    const level = LEVELS[entry.level];
    logger[level](line, oneLine(entry.message, level, line));
  };
}

/**
 * A multi-line message (the bundler prints webpack's whole report) becomes its last line, which says how it
 * ended; for an error the full text goes into `detail`, which JSON (and the text format) keep on one line.
 */
function oneLine(message: string, level: Level, line: Record<string, unknown>): string {
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  if (lines.length <= 1) return message;
  if (level === 'error' || level === 'fatal') line.detail = message;
  return lines[lines.length - 1].trim();
}
