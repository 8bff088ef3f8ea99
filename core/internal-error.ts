import type { CheckSpec } from '../catalogue/checks.js';

/**
 * A bug in mageprobe itself (CHECKS.md): never a verdict, shown as such in every report, exit 4.
 * Named by target and check whenever the plan says which case it broke.
 */
export interface InternalError {
  readonly target?: string;
  readonly check?: CheckSpec;
  /** One line: "TypeError: Cannot read properties of undefined (reading 'x')". */
  readonly message: string;
  /** Stack or further detail, for whoever fixes the bug. */
  readonly detail?: string;
}

/** A check called process.exit: its worker would end mid-scan. Only our code can do that. */
export class ExitCalled extends Error {
  override name = 'ExitCalled';
  constructor(code: unknown) {
    super(`process.exit(${String(code ?? '')}) called inside a check`);
  }
}

/** An internal error the plan can place: this target's case of this check has no verdict. */
export type CaseInternalError = InternalError & { readonly target: string; readonly check: CheckSpec };

/** Thrown by runCheck when a check's own code broke; suites record it and let the test fail. */
export class CheckCrashed extends Error {
  override name = 'CheckCrashed';
  constructor(
    readonly checkId: string,
    override readonly cause: unknown,
  ) {
    super(`${checkId}: ${describeThrown(cause)}`);
  }
}

// Errors that only our code can cause: a wrong type, an index out of range, a name that does not
// exist, a failed assertion. Garbage from a target must be caught by the parser, not end up here.
const PROGRAMMING_ERRORS: readonly (new (...a: never[]) => Error)[] = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];
const PROGRAMMING_NAMES = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AssertionError']);

/**
 * Whether a thrown value is a bug of ours. Anything else a check throws (a socket error, a parser's
 * "Malformed" on a target's bytes, a plain Error from a probe) is about the target: inconclusive.
 */
export function isProgrammingError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (PROGRAMMING_ERRORS.some((C) => e instanceof C) || e instanceof ExitCalled) return true;
  return PROGRAMMING_NAMES.has(e.name) || (e as { code?: unknown }).code === 'ERR_ASSERTION';
}

/** "TypeError: message", for reports. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `thrown ${typeof e}: ${String(e)}`;
}

export function internalErrorOf(e: unknown, target: string, check: CheckSpec): CaseInternalError {
  const cause = e instanceof CheckCrashed ? e.cause : e;
  const detail = cause instanceof Error ? cause.stack : undefined;
  return { target, check, message: describeThrown(cause), ...(detail ? { detail } : {}) };
}

export function isCaseInternalError(e: InternalError): e is CaseInternalError {
  return e.target !== undefined && e.check !== undefined;
}
