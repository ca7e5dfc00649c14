import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_DEFAULTS, STAFF_ROLES, loadBackendConfig, type StaffRole } from './config.js';
import { openDatabase } from './db/database.js';
import { startBackend, type RunningBackend } from './index.js';
import { TokenRepository } from './repositories/tokens.js';
import { TokenService } from './services/tokens.js';

type Env = Record<string, string | undefined>;

export interface CliIo {
  env?: Env;
  /** One line of output for the operator (console.log by default). */
  print?: (line: string) => void;
  /** The built diner page the backend serves at /o/<token> (BackendPorts.dinerDir). */
  dinerDir?: string;
}

const BACKEND_USAGE = `usage: ticketrail backend [--port N] [--host H] [--data-dir DIR] [--relay-port N] [--print-on submitted|accepted]

Flags override the environment (PORT, HOST, DATA_DIR, RELAY_PORT, PRINT_ON); see .env.example.`;

const TOKENS_USAGE = `usage: ticketrail tokens create --role admin|agent|pos [--label TEXT] [--data-dir DIR]
       ticketrail tokens list [--data-dir DIR]
       ticketrail tokens revoke <token-id> [--data-dir DIR]`;

function startupLines(backend: RunningBackend): string[] {
  const lines = [`TicketRail backend listening on ${backend.url}`];
  lines.push(
    backend.relay
      ? `Realtime: embedded Pusher-protocol relay on ${backend.relay.url} (WebSocket ${backend.relay.url.replace(/^http/, 'ws')}/app/<key>)`
      : `Realtime: external Pusher-protocol service (${backend.config.realtime.mode === 'external' ? (backend.config.realtime.cluster ?? backend.config.realtime.host) : ''})`,
  );
  lines.push(`Data: ${backend.config.dataDir}  Tickets print on: ${backend.config.printOn}`);
  if (backend.generatedTokenRoles.length > 0) {
    lines.push('', 'New tokens (for roles that had none) were created and are shown only now. Store them safely:');
    for (const role of backend.generatedTokenRoles) lines.push(`  ${role.padEnd(6)} ${backend.tokens[role] ?? ''}`);
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

  const backend = await startBackend(loadBackendConfig(env), io.dinerDir !== undefined ? { dinerDir: io.dinerDir } : {});
  for (const line of startupLines(backend)) print(line);
  const signal = await untilStopSignal();
  print(`${signal}: closing…`);
  await backend.close();
  print('closed');
}

function isStaffRole(value: string | undefined): value is StaffRole {
  return STAFF_ROLES.includes(value as StaffRole);
}

/** `ticketrail tokens …`: manages staff tokens directly in the data dir (works while the backend runs). */
export async function runTokensCli(argv: string[], io: CliIo = {}): Promise<void> {
  const print = io.print ?? console.log;
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
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
  const dataDir = resolve(values['data-dir'] ?? (env.DATA_DIR || BACKEND_DEFAULTS.dataDir));
  const db = openDatabase(dataDir);
  try {
    const tokens = new TokenService(new TokenRepository(db), {}, () => ({ kind: 'unknown' }));
    switch (command) {
      case 'create': {
        if (!isStaffRole(values.role)) throw new Error(`--role must be one of ${STAFF_ROLES.join(', ')}\n${TOKENS_USAGE}`);
        const issued = tokens.issue(values.role, values.label ?? `${values.role} (cli)`);
        print(issued.token);
        print(`(${issued.record.role} token ${issued.record.id}, "${issued.record.label}": shown only now)`);
        return;
      }
      case 'list': {
        for (const record of tokens.list()) {
          const state = record.revokedAt ? `revoked ${record.revokedAt}` : 'active';
          print(`${record.id}  ${record.role.padEnd(5)}  ${record.createdAt}  ${state}  ${record.label}`);
        }
        return;
      }
      case 'revoke': {
        const id = rest[0];
        if (!id) throw new Error(`revoke needs a token id\n${TOKENS_USAGE}`);
        if (!tokens.revoke(id)) throw new Error(`no active token ${id}`);
        print(`revoked ${id}`);
        return;
      }
      default:
        throw new Error(`unknown tokens command "${command}"\n${TOKENS_USAGE}`);
    }
  } finally {
    db.close();
  }
}
