import { runBackendCli } from '../backend/cli.js';
import { describeError } from '../common/describe-error.js';
import { buildDinerIfStale, DINER_DIST } from './build-if-stale.js';

export interface BackendCommandOptions {
  /** Where the diner's page is built and served from; default dist/diner of this checkout. */
  dinerDir?: string;
  print?: (line: string) => void;
}

/**
 * `ticketrail backend` (`npm run backend`): the standalone backend serves the diner's page at
 * /o/<token>, so it builds that page first when it is missing or older than its sources, as
 * `npm start` does — a freshly installed backend hands out working links. A build that fails (a
 * production install without Vite) is reported and the backend starts anyway: the API does not
 * need the page, and /o/<token> says how to build it.
 */
export async function runBackendCommand(argv: string[], options: BackendCommandOptions = {}): Promise<void> {
  const print = options.print ?? console.log;
  const dinerDir = options.dinerDir ?? DINER_DIST;
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (!wantsHelp) {
    try {
      if (await buildDinerIfStale(dinerDir)) print(`built the diner's page (${dinerDir})`);
    } catch (error) {
      print(`could not build the diner's page (${describeError(error)}); /o/<token> answers 404 until \`npm run build:diner\` succeeds`);
    }
  }
  await runBackendCli(argv, { print, dinerDir });
}
