// The net under every log line of the API and the worker: errors are logged as what went wrong, never with
// what was being written. TypeORM's QueryFailedError carries the SQL and its parameters (an applicant's name,
// date of birth, e-mail address), and PostgreSQL's own messages quote the offending value ('invalid input
// syntax for type uuid: "…"'). Once logged, a canary applicant appeared 45 times in clear text.

/** Keys whose values are the data being handled, never the failure: dropped from any error or line. */
const PAYLOAD_KEYS = new Set(['parameters', 'query', 'driverError', 'payload', 'args', 'input', 'body']);

/** The SQLSTATE of a database error (TypeORM's or the driver's), or null. */
function sqlStateOf(error: object): string | null {
  const driver = (error as { driverError?: unknown }).driverError;
  const code = (driver as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

function isDatabaseError(error: object): boolean {
  return (
    'driverError' in error ||
    'parameters' in error ||
    (error as { name?: unknown }).name === 'QueryFailedError' ||
    ('severity' in error && 'code' in error)
  );
}

/** The SQLSTATE of a database error (TypeORM's QueryFailedError or the driver's own), null for anything else. */
export function databaseSqlState(error: unknown): string | null {
  return typeof error === 'object' && error !== null && isDatabaseError(error) ? sqlStateOf(error) : null;
}

/** One line saying what failed, safe to log: a database error is named by its SQLSTATE only. */
export function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return redactDatabaseText(String(error));
  if (isDatabaseError(error)) {
    const state = sqlStateOf(error);
    return `database error${state ? ` (SQLSTATE ${state})` : ''}`;
  }
  const name = (error as { name?: unknown }).name;
  const message = (error as { message?: unknown }).message;
  return redactDatabaseText(`${typeof name === 'string' ? name : 'Error'}: ${String(message)}`);
}

/** Text that is a stringified database error, or TypeORM's query log, keeps its first words only. */
export function redactDatabaseText(text: string): string {
  if (
    /QueryFailedError|DatabaseError|duplicate key value|invalid input syntax|violates .* constraint/.test(
      text,
    )
  )
    return text.replace(
      /^(\w*Error)?.*$/s,
      (_, name: string | undefined) => `${name ?? 'database error'}: [database message withheld]`,
    );
  const parameters = text.indexOf('-- PARAMETERS:');
  return parameters >= 0 ? `${text.slice(0, parameters)}-- PARAMETERS: [withheld]` : text;
}

/** An error as a log field: its type and a safe message, plus the SQLSTATE for database errors. */
function errorField(error: Error | object): Record<string, unknown> {
  const field: Record<string, unknown> = {
    type: (error as { name?: unknown }).name ?? 'Error',
    message: describeError(error),
  };
  const state = sqlStateOf(error);
  if (state) field.sqlstate = state;
  // Temporal failures name their type and whether they will be retried; both help and neither is data.
  for (const key of ['failureType', 'nonRetryable', 'retryState'] as const) {
    const value = (error as Record<string, unknown>)[key === 'failureType' ? 'type' : key];
    if (typeof value === 'string' || typeof value === 'boolean') field[key] = value;
  }
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause === 'object' && cause !== null) field.cause = errorField(cause);
  return field;
}

/**
 * A log line's fields with every error made safe (see errorField) and every payload-named field dropped,
 * at any depth; other values pass through. Used as pino's `formatters.log`, so no call site can forget it.
 */
export function sanitiseLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redactDatabaseText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof Error || isDatabaseError(value)) return errorField(value);
    if (depth > 6) return '[nested too deep]';
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    // Only plain objects are walked: a request or response object is left to pino's serializers.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = PAYLOAD_KEYS.has(key) ? '[withheld]' : walk(item, depth + 1);
    }
    return out;
  };
  return walk(fields, 0) as Record<string, unknown>;
}
