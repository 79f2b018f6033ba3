import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AsNumber, defineConcern, splitList, Variable } from './variables';

class HttpVariables {
  @Variable('API port')
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  @IsOptional()
  PORT = 3000;

  @Variable('browser origins allowed to call the API, comma-separated', { default: 'none' })
  @IsString()
  @IsOptional()
  CORS_ORIGINS = '';

  @Variable('requests per client address per minute before 429')
  @AsNumber()
  @IsInt()
  @Min(1)
  @IsOptional()
  RATE_LIMIT_PER_MINUTE = 600;
}

/** The API's HTTP listener and its hardening. */
export interface HttpConfig {
  port: number;
  corsOrigins: string[];
  rateLimitPerMinute: number;
}

/** PORT, CORS_ORIGINS, RATE_LIMIT_PER_MINUTE. */
export const httpConfig = defineConcern({
  title: 'HTTP',
  summary: 'The API listener and its hardening.',
  variables: HttpVariables,
  build: (vars): HttpConfig => ({
    port: vars.PORT,
    corsOrigins: splitList(vars.CORS_ORIGINS),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
  }),
});
