import { formatTokenLine } from '../common/token-lines.js';
import { parseArgs } from 'node:util';
import { STAFF_ROLES, loadBackendConfig, type StaffRole } from './config.js';
import { locationChannels } from '../common/channels.js';
import { DEFAULT_LOCATION, LOCATION_ID_PATTERN } from '../common/location.js';
import { openDatabase, type Database } from './db/database.js';
import { startBackend, type RunningBackend } from './index.js';
import { LocationRepository } from './repositories/locations.js';
import { TokenRepository } from './repositories/tokens.js';
import { LocationService } from './services/locations.js';
import { TokenService } from './services/tokens.js';
import { systemClock } from './time.js';

type Env = Record<string, string | undefined>;

export interface CliIo {
  env?: Env;
  /** One line of output for the operator (console.log by default). */
  print?: (line: string) => void;
  /** The built diner page the backend serves at /o/<token> (BackendPorts.dinerDir). */
  dinerDir?: string;
}

const BACKEND_USAGE = `usage: ticketrail backend [--port N] [--host H] [--data-dir DIR] [--relay-port N] [--print-on submitted|accepted] [--single-process]

Flags override the environment (PORT, HOST, DATA_DIR, RELAY_PORT, PRINT_ON); see .env.example.
--single-process: with DATABASE_URL, run one backend with its embedded relay (refused otherwise:
several processes need hosted Pusher or a standalone Pusher-protocol server).`;

const TOKENS_USAGE = `usage: ticketrail tokens create --role admin|agent|pos [--location ID] [--label TEXT] [--data-dir DIR]
       ticketrail tokens list [--data-dir DIR]
       ticketrail tokens revoke <token-id> [--data-dir DIR]

Without --location an agent or pos token acts in location "default" and an admin token in every
location (chain-wide). With DATABASE_URL set, tokens are kept in that PostgreSQL database.`;

const LOCATIONS_USAGE = `usage: ticketrail locations create --id ID --name NAME [--data-dir DIR]
       ticketrail locations list [--data-dir DIR]

An id is 1-32 of a-z, 0-9 and "-" (not starting with "-"). With DATABASE_URL set, locations are
kept in that PostgreSQL database.`;

/** A database URL without its password, for the banner and logs. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function startupLines(backend: RunningBackend): string[] {
  const lines = [`TicketRail backend listening on ${backend.url}`];
  lines.push(
    backend.relay
      ? `Realtime: embedded Pusher-protocol relay on ${backend.relay.url} (WebSocket ${backend.relay.url.replace(/^http/, 'ws')}/app/<key>)`
      : `Realtime: external Pusher-protocol service (${backend.config.realtime.mode === 'external' ? (backend.config.realtime.cluster ?? backend.config.realtime.host) : ''})`,
  );
  const database = backend.config.database;
  lines.push(`Data: ${database.kind === 'postgres' ? `PostgreSQL ${redactedUrl(database.url)}` : backend.config.dataDir}  Tickets print on: ${backend.config.printOn}`);
  if (backend.generatedTokenRoles.length > 0) {
    lines.push('', 'New tokens (for roles that had none) were created and are shown only now. Store them safely:');
    for (const role of backend.generatedTokenRoles) lines.push(formatTokenLine(role, backend.tokens[role] ?? ''));
    lines.push('');
  }
  return lines;
}

/** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveSignal(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `ticketrail backend`: runs the backend until SIGINT/SIGTERM, then closes it cleanly. */
export async function runBackendCli(argv: string[], io: CliIo = {}): Promise<void> {
  const print = io.print ?? console.log;
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'relay-port': { type: 'string' },
      'print-on': { type: 'string' },
      'single-process': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    print(BACKEND_USAGE);
    return;
  }
  const env: Env = { ...(io.env ?? process.env) };
  if (values.port !== undefined) env.PORT = values.port;
  if (values.host !== undefined) env.HOST = values.host;
  if (values['data-dir'] !== undefined) env.DATA_DIR = values['data-dir'];
  if (values['relay-port'] !== undefined) env.RELAY_PORT = values['relay-port'];
  if (values['print-on'] !== undefined) env.PRINT_ON = values['print-on'];

  const backend = await startBackend({ ...loadBackendConfig(env), singleProcess: values['single-process'] === true }, io.dinerDir !== undefined ? { dinerDir: io.dinerDir } : {});
  for (const line of startupLines(backend)) print(line);
  const signal = await untilStopSignal();
  print(`${signal}: closing…`);
  await backend.close();
  print('closed');
}

function isStaffRole(value: string | undefined): value is StaffRole {
  return STAFF_ROLES.includes(value as StaffRole);
}

/** The database the tokens and locations commands work on: DATABASE_URL, or the SQLite file of --data-dir / DATA_DIR. */
async function openCliDatabase(dataDirFlag: string | undefined, env: Env): Promise<Database> {
  const config = loadBackendConfig({ ...env, ...(dataDirFlag !== undefined ? { DATA_DIR: dataDirFlag } : {}) });
  return openDatabase(config.database);
}

/** `ticketrail tokens …`: manages staff tokens directly in the database (works while backends run). */
export async function runTokensCli(argv: string[], io: CliIo = {}): Promise<void> {
  const print = io.print ?? console.log;
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      location: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    print(TOKENS_USAGE);
    return;
  }
  const env = io.env ?? process.env;
  const db = await openCliDatabase(values['data-dir'], env);
  try {
    const tokens = new TokenService(new TokenRepository(db), {}, () => Promise.resolve({ kind: 'unknown' as const }));
    switch (command) {
      case 'create': {
        if (!isStaffRole(values.role)) throw new Error(`--role must be one of ${STAFF_ROLES.join(', ')}\n${TOKENS_USAGE}`);
        const location = await tokenLocation(db, values.role, values.location);
        const issued = await tokens.issue(values.role, values.label ?? `${values.role} (cli)`, location);
        // The token alone on the first line: scripts and operators capture it as it is (`tokens create | head -1`).
        print(issued.token);
        print(`(${issued.record.role} token ${issued.record.id}, "${issued.record.label}", ${location === null ? 'chain-wide' : `location ${location}`}: shown only now)`);
        return;
      }
      case 'list': {
        for (const record of await tokens.list()) {
          const state = record.revokedAt ? `revoked ${record.revokedAt}` : 'active';
          print(`${record.id}  ${record.role.padEnd(5)}  ${(record.location ?? '(chain)').padEnd(12)}  ${record.createdAt}  ${state}  ${record.label}`);
        }
        return;
      }
      case 'revoke': {
        const id = rest[0];
        if (!id) throw new Error(`revoke needs a token id\n${TOKENS_USAGE}`);
        if (!(await tokens.revoke(id))) throw new Error(`no active token ${id}`);
        print(`revoked ${id}`);
        return;
      }
      default:
        throw new Error(`unknown tokens command "${command}"\n${TOKENS_USAGE}`);
    }
  } finally {
    await db.close();
  }
}

/**
 * The location a new token acts in: the one named (it must exist), or — without --location —
 * `default` for agent and pos tokens (a one-restaurant install) and the whole chain for an admin.
 */
async function tokenLocation(db: Database, role: StaffRole, named: string | undefined): Promise<string | null> {
  if (named === undefined) return role === 'admin' ? null : DEFAULT_LOCATION;
  if (!LOCATION_ID_PATTERN.test(named)) throw new Error(`--location "${named}" is not a location id (${LOCATION_ID_PATTERN.source})`);
  if (!(await new LocationRepository(db).get(named))) throw new Error(`no location ${named}: make it first with ticketrail locations create --id ${named} --name NAME`);
  return named;
}

/** `ticketrail locations …`: the chain's locations, directly in the database. */
export async function runLocationsCli(argv: string[], io: CliIo = {}): Promise<void> {
  const print = io.print ?? console.log;
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command] = positionals;
  if (values.help || command === undefined) {
    print(LOCATIONS_USAGE);
    return;
  }
  if (command !== 'create' && command !== 'list') throw new Error(`unknown locations command "${command}"\n${LOCATIONS_USAGE}`);
  if (command === 'create' && (values.id === undefined || values.name === undefined)) throw new Error(`create needs --id and --name\n${LOCATIONS_USAGE}`);
  const db = await openCliDatabase(values['data-dir'], io.env ?? process.env);
  try {
    const locations = new LocationService(new LocationRepository(db), systemClock);
    if (command === 'create') {
      const created = await locations.create(values.id as string, values.name as string);
      print(`location ${created.id} "${created.name}" created`);
      print(`  its tokens: ticketrail tokens create --role agent|pos|admin --location ${created.id}`);
      print(`  its channels: ${Object.values(locationChannels(created.id)).join(', ')}`);
      return;
    }
    for (const location of await locations.list()) print(`${location.id.padEnd(33)} ${location.createdAt}  ${location.name}`);
  } finally {
    await db.close();
  }
}
