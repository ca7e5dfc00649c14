import type { Resources } from './kitchen-harness.js';
import { describeError } from '../../common/describe-error.js';

/**
 * Errors nobody caught while a test ran. In the agent's own process each one is a crash (an
 * uncaught exception) or a write that silently never happened (an unhandled rejection); vitest
 * would report them only after the run, against whichever test happened to be last.
 */
export function watchCrashes(resources: Resources): string[] {
  const crashes: string[] = [];
  const record = (error: unknown) => crashes.push(describeError(error));
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  resources.add(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  return crashes;
}
