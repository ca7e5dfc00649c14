import type { BoardPageRenderer } from '../common/first-screen.js';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { PrinterSettingsSchema, type AgentSettings } from '../common/settings.js';
import { hostSettingsFromEnv, logLevelFromEnv } from './host-env.js';
import { createAgent } from './create-agent.js';
import { createConsoleLogger } from './logger.js';
import { createEscPosDriver } from './pipeline/escpos-driver.js';
import { createConfSettingsStore } from './settings/conf-settings-store.js';
import { CONNECTOR_NAMES, SOURCE_MODULES, connectorModule } from './connectors/registry.js';

/** Every source's own flags (a connector's, ingest's), as parseArgs takes them. */
const SOURCE_FLAG_OPTIONS = Object.assign({}, ...SOURCE_MODULES.map((module) => module.flags?.options ?? {})) as Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export const AGENT_DEFAULTS = { host: '127.0.0.1', port: 4810, dataDir: '.data/agent' } as const;

const USAGE = `usage: ticketrail agent [--data-dir DIR] [--port N] [--host ADDR] [--token T]
                       [--printer tcp://HOST:PORT --stations kitchen,bar [--width 58|80]]
                       [--backend URL | --backend-url URL]
                       [--connector ${CONNECTOR_NAMES.join('|')}]
${SOURCE_MODULES.flatMap((module) => (module.flags ? [module.flags.usage] : [])).join('\n')}

Settings come from DIR/settings.json; TICKETRAIL_BACKEND_URL and TICKETRAIL_AGENT_TOKEN override it.
--printer/--stations configure one printer for this run without touching the file.
--connector picks where the work comes from for this run (default: the settings' connector).
${SOURCE_MODULES.flatMap((module) => (module.flags ? [module.flags.help] : [])).join('\n')}`;

/** Exit code for a bad command line, as for every ticketrail command. */
export const EXIT_USAGE = 2;

/** The station a `--printer` without `--stations` serves nominally, for connectors whose jobs name their printer. */
const NOMINAL_STATION = 'kitchen';

/** Turns the CLI flags into settings that win over the file for this run; throws a readable message on bad flags. */
export function settingsFromFlags(values: {
  printer?: string;
  stations?: string;
  width?: string;
  backend?: string;
  'backend-url'?: string;
  ingest?: string[];
  'ingest-allow-lan'?: boolean;
  connector?: string;
  [flag: string]: unknown;
}): Partial<AgentSettings> {
  const overrides: Partial<AgentSettings> = {};
  if (values.connector !== undefined) {
    if (!connectorModule(values.connector)) throw new Error(`--connector must be ${CONNECTOR_NAMES.join(' or ')}, got ${values.connector}`);
    overrides.connector = values.connector;
  }
  for (const module of SOURCE_MODULES) Object.assign(overrides, module.flags?.settings(values));
  const backend = values.backend ?? values['backend-url'];
  // A connector whose jobs name their printer (its module says so) needs no --stations: its one printer serves them all.
  const routesByPrinter = overrides.connector !== undefined && connectorModule(overrides.connector)?.routesByPrinter === true;
  const stations = values.stations ?? (values.printer && routesByPrinter ? NOMINAL_STATION : undefined);
  if (backend) overrides.backendUrl = backend;
  if (values.printer || stations) {
    if (!values.printer || !stations) throw new Error('--printer and --stations go together');
    const parsed = PrinterSettingsSchema.safeParse({
      id: 'cli-printer',
      name: `Printer ${values.printer}`,
      interface: values.printer,
      stations: stations.split(',').map((station) => station.trim()).filter(Boolean),
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
        'backend-url': { type: 'string' },
        connector: { type: 'string' },
        ...SOURCE_FLAG_OPTIONS,
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
  console.log(`TicketRail agent (${agent.connector.id}): board at ${agent.localApiUrl}  (cache ${join(dataDir, agent.cache.fileName)})`);
  const stop = () => {
    void agent.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
