/** The command line is wrong (exit 2). */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The input cannot give a report (exit 1). `where` is "file:line" when known. */
export class InputError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type CrimedeltaError = UsageError | InputError;

export function isCrimedeltaError(e: unknown): e is CrimedeltaError {
  return e instanceof UsageError || e instanceof InputError;
}
