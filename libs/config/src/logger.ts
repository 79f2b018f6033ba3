import { ConsoleLogger } from '@nestjs/common';
import type { LogLevel as NestLevel } from '@nestjs/common';
import type { LogEntry } from '@temporalio/worker';

/** One structured (JSON) or human (text) logger for Nest and the Temporal runtime. */
export function createAppLogger(format: 'json' | 'text' = 'json', context?: string): ConsoleLogger {
  return new ConsoleLogger(context ?? 'app', {
    json: format === 'json',
    colors: format === 'text',
    timestamp: true,
  });
}

const LEVELS: Record<LogEntry['level'], NestLevel> = {
  TRACE: 'verbose',
  DEBUG: 'debug',
  INFO: 'log',
  WARN: 'warn',
  ERROR: 'error',
};

/** Routes Temporal SDK log entries (which carry workflowId = vetting-case-<caseId>) into the app logger. */
export function temporalLogSink(logger: ConsoleLogger): (entry: LogEntry) => void {
  return (entry) => {
    const level = LEVELS[entry.level];
    const line = { message: entry.message, ...entry.meta };
    if (level === 'error') logger.error(line, undefined, 'temporal');
    else if (level === 'warn') logger.warn(line, 'temporal');
    else if (level === 'debug' || level === 'verbose') logger.debug(line, 'temporal');
    else logger.log(line, 'temporal');
  };
}
