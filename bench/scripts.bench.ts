/**
 * `npm run bench:scripts`: only the mixed-script rows of `bench:agent` (issue 21), in-process and in
 * seconds, for re-measuring drawing alone without the agent's minutes of network rows. Prints its
 * table and writes bench/results/scripts.json. `npm run bench` runs these rows inside bench:agent.
 */
import { mixedScriptRows } from './lib/mixed-script-row.js';
import { reportBench } from './lib/report.js';

reportBench('scripts', mixedScriptRows(), { targets: { mixedScriptTicketP99Ms: 50 } });
