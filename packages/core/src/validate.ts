import { ValidationError, type ValidationIssue } from './errors.js';
import { z } from './zod.js';

/**
 * Parses `input` with `schema` and returns the typed value, or throws a
 * ValidationError listing every problem with its field path and code.
 * This is the only way data enters the core.
 */
export function parse<S extends z.core.$ZodType>(schema: S, input: unknown, context = 'input'): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  throw new ValidationError(toIssues(result.error.issues), context);
}

/** zod's issues as Kith's: a path, a stable code and a message. */
export function toIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code === 'custom' ? 'invalid' : i.code,
    message: i.message,
  }));
}

/** A ValidationError for one field. */
export function invalid(path: (string | number)[], code: string, message: string, context?: string): ValidationError {
  return new ValidationError([{ path, code, message }], context);
}

/**
 * Runs a record's own validation and its custom fields' together and, when
 * either fails, throws one ValidationError with the issues of both, so a
 * form can show every error at once instead of one round trip per layer.
 */
export async function validateTogether<A, B>(own: () => A, custom: () => Promise<B>, context: string): Promise<[A, B]> {
  const issues: ValidationIssue[] = [];
  const run = async <T>(f: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const a = await run(own);
  const b = await run(custom);
  if (issues.length) throw new ValidationError(issues, context);
  return [a as A, b as B];
}

/** The `custom` member of raw input when it is a plain object (else the schema reports it); `fallback` when absent. */
export function rawCustom(input: unknown, fallback: Record<string, unknown>): Record<string, unknown> | undefined {
  const custom = (input as { custom?: unknown } | null | undefined)?.custom;
  if (custom === undefined) return fallback;
  return typeof custom === 'object' && custom !== null && !Array.isArray(custom) ? (custom as Record<string, unknown>) : undefined;
}
