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

