import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { validateSync } from 'class-validator';

/** The environment a configuration is read from (process.env in the apps, a literal in tests). */
export type Env = NodeJS.ProcessEnv;

/** Thrown when configuration is wrong; its message lists every problem so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** What the configuration reference says about one variable. */
export interface VariableDoc {
  name: string;
  meaning: string;
  /** Shown instead of the class's initial value, e.g. when the default is computed or too long to print. */
  default?: string;
}

const DOCS = new Map<object, VariableDoc[]>();

/**
 * Documents an environment variable on a variables class: docs/configuration.md is generated from these, so
 * the reference cannot drift from what the apps validate.
 */
export function Variable(meaning: string, options: { default?: string } = {}): PropertyDecorator {
  return (target, property) => {
    const docs = DOCS.get(target.constructor) ?? [];
    docs.push({ name: String(property), meaning, ...options });
    DOCS.set(target.constructor, docs);
  };
}

/** The documented variables of a class, in declaration order, with their defaults rendered as text. */
export function describeVariables(variables: new () => object): (VariableDoc & { default: string })[] {
  const defaults = new variables() as Record<string, unknown>;
  return (DOCS.get(variables) ?? []).map((doc) => {
    const value = defaults[doc.name];
    const shown = typeof value === 'string' || typeof value === 'number' ? `\`${value}\`` : 'unset';
    return { ...doc, default: doc.default ?? shown };
  });
}

/** Turns a non-blank string into a number so @IsInt/@IsNumber judge it; anything else is left for them to refuse. */
export const AsNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
  );

/**
 * The one validation helper: reads a variables class from the environment (defaults from its initialisers) and
 * appends a message per broken rule to `problems`, each naming its variable.
 */
export function readVariables<V extends object>(variables: new () => V, env: Env, problems: string[]): V {
  const vars = plainToInstance(variables, { ...env }, { enableImplicitConversion: false });
  problems.push(
    ...validateSync(vars, { forbidUnknownValues: false }).flatMap((e) =>
      Object.values(e.constraints ?? {}).map((msg) =>
        msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`,
      ),
    ),
  );
  return vars;
}

/**
 * The one JSON parser for variables that hold JSON objects: undefined when unset or blank; otherwise the parsed
 * object, or undefined with `<name> must be a JSON object, e.g. <example>` appended to `problems`.
 */
export function parseJsonObject(
  name: string,
  raw: string | undefined,
  example: string,
  problems: string[],
): Record<string, unknown> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Reported below with the example.
  }
  problems.push(`${name} must be a JSON object, e.g. ${example}`);
  return undefined;
}

/** A comma-separated list, trimmed, without empty entries. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** One concern of the configuration: its variables (validated and documented) and how they become settings. */
export interface ConfigConcern<T> {
  /** Heading in docs/configuration.md. */
  readonly title: string;
  /** What the concern covers, for the reference. */
  readonly summary: string;
  readonly variables: new () => object;
  /** Reads and checks the concern's variables; appends every problem instead of throwing. */
  read(env: Env, problems: string[]): T;
}

/** Declares a concern; `build` turns validated variables into settings and adds the checks decorators cannot. */
export function defineConcern<V extends object, T>(spec: {
  title: string;
  summary: string;
  variables: new () => V;
  build: (vars: V, problems: string[], env: Env) => T;
}): ConfigConcern<T> {
  return {
    title: spec.title,
    summary: spec.summary,
    variables: spec.variables,
    read: (env, problems) => spec.build(readVariables(spec.variables, env, problems), problems, env),
  };
}

/** Reads one concern alone (tests, tools); throws ConfigError naming every bad variable. */
export function readConcern<T>(concern: ConfigConcern<T>, env: Env = process.env): T {
  const problems: string[] = [];
  const settings = concern.read(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
