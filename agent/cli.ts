import type { BoardPageRenderer } from '../common/first-screen.js';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { PrinterSettingsSchema, type AgentSettings } from '../common/settings.js';
import { hostSettingsFromEnv, logLevelFromEnv } from './host-env.js';
import { createAgent } from './create-agent.js';
import { createConsoleLogger } from './logger.js';
import { createEscPosDriver } from './pipeline/escpos-driver.js';
import { createConfSettingsStore } from './settings/conf-settings-store.js';

export const AGENT_DEFAULTS = { host: '127.0.0.1', port: 4810, dataDir: '.data/agent' } as const;

const USAGE = `usage: ticketrail agent [--data-dir DIR] [--port N] [--host ADDR] [--token T]
                       [--printer tcp://HOST:PORT --stations kitchen,bar [--width 58|80]]
                       [--backend URL]

Settings come from DIR/settings.json; TICKETRAIL_BACKEND_URL and TICKETRAIL_AGENT_TOKEN override it.
--printer/--stations configure one printer for this run without touching the file.`;

/** Exit code for a bad command line, as for every ticketrail command. */
export const EXIT_USAGE = 2;

/** Turns the CLI flags into settings that win over the file for this run; throws a readable message on bad flags. */
export function settingsFromFlags(values: { printer?: string; stations?: string; width?: string; backend?: string }): Partial<AgentSettings> {
  const overrides: Partial<AgentSettings> = {};
  if (values.backend) overrides.backendUrl = values.backend;
  if (values.printer || values.stations) {
    if (!values.printer || !values.stations) throw new Error('--printer and --stations go together');
    const parsed = PrinterSettingsSchema.safeParse({
      id: 'cli-printer',
      name: `Printer ${values.printer}`,
      interface: values.printer,
      stations: values.stations.split(',').map((station) => station.trim()).filter(Boolean),
      ...(values.width ? { width: Number(values.width) } : {}),
    });
    if (!parsed.success) throw new Error(`bad printer flags: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    overrides.printers = [parsed.data];
  }
  return overrides;
}

/** What the process that runs the command hands in: the agent itself does not import the renderer. */
export interface AgentCliExtras {
  /** Renders the board's first screen into the page (see LocalApiOptions.boardPage). */
  boardPage?: BoardPageRenderer;
  /** The built board to serve. Default: dist/renderer under the working directory. */
  rendererDir?: string;
}

export async function runAgentCli(argv: string[], extras: AgentCliExtras = {}): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        printer: { type: 'string' },
        stations: { type: 'string' },
        width: { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? AGENT_DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be 0-65535, got ${values.port}\n\n${USAGE}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  let overrides: Partial<AgentSettings>;
  try {
    overrides = settingsFromFlags(values);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const dataDir = resolve(values['data-dir'] ?? AGENT_DEFAULTS.dataDir);
  const agent = await createAgent(
    {
      dataDir,
      localApi: { host: values.host ?? AGENT_DEFAULTS.host, port, ...(values.token ? { token: values.token } : {}) },
      rendererDir: extras.rendererDir ?? resolve('dist/renderer'),
      ...(extras.boardPage ? { boardPage: extras.boardPage } : {}),
    },
    {
      settingsStore: createConfSettingsStore(dataDir),
      driver: createEscPosDriver(),
      settingsOverrides: overrides,
      // This command is a host: the one place the headless agent's environment is read.
      host: hostSettingsFromEnv(process.env),
      logger: createConsoleLogger(logLevelFromEnv(process.env)),
    },
  );
  console.log(`TicketRail agent: board at ${agent.localApiUrl}  (cache ${join(dataDir, 'agent-cache.sqlite')})`);
  const stop = () => {
    void agent.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
