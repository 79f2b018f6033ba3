import { IsIn, IsOptional } from 'class-validator';
import { defineConcern, Variable } from './variables';

class LoggingVariables {
  @Variable('`json` (one object per line) or `text` (for a terminal)')
  @IsIn(['json', 'text'])
  @IsOptional()
  LOG_FORMAT: 'json' | 'text' = 'json';
}

/** How the apps log. */
export interface LoggingConfig {
  format: 'json' | 'text';
}

/** LOG_FORMAT. */
export const loggingConfig = defineConcern({
  title: 'Logging',
  summary: 'How the API and the worker write their logs.',
  variables: LoggingVariables,
  build: (vars): LoggingConfig => ({ format: vars.LOG_FORMAT }),
});
