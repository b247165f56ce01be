/**
 * Errors a user can act on. The CLI prints `message` as one line, without a
 * stack trace, and exits with `exitCode`.
 */
export class UsageError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One line for any thrown value, for records and terminal output. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] || err.name;
  return String(err);
}
