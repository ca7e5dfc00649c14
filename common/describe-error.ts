/**
 * One line for a log or an error message: the cause's code or message when there is one (fetch
 * wraps the socket error, ECONNREFUSED, in its cause), else the error's own message.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
