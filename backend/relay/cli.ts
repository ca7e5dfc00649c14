/**
 * `ticketrail relay` (npm run relay): runs the relay standalone from RELAY_* environment
 * variables, prints how to point pusher-js and the pusher SDK at it, and shuts down cleanly on
 * SIGINT/SIGTERM (clients get 4200 and reconnect to the next run).
 */
import { readRelayCliConfig, RELAY_CLI_DEFAULTS, RELAY_ENV, type RelayCliConfig } from './cli-config.js';
import { createLineLogger } from './logger.js';
import { startRelay } from './server.js';
import type { RunningRelay } from './types.js';
import { describeError } from '../../common/describe-error.js';

/** Exit status for invalid configuration, as for a usage error. */
export const EXIT_CODE_BAD_CONFIG = 2;
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** What the CLI touches outside itself; tests pass their own. */
export interface RelayCliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  signals: Pick<NodeJS.Process, 'once' | 'off'>;
  setExitCode(code: number): void;
  /** Called once the relay listens, so a caller can wait for it. */
  onListening?(relay: RunningRelay): void;
}

const processIo: RelayCliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  signals: process,
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Width of the variable column in --help: the longest variable name plus a space. */
const USAGE_NAME_WIDTH = Math.max(...Object.values(RELAY_ENV).map((name) => name.length)) + 1;

function usage(): string {
  const line = (name: string, text: string): string => `  ${name.padEnd(USAGE_NAME_WIDTH)}${text}`;
  return [
    'usage: ticketrail relay',
    '',
    'Runs the embedded Pusher Channels (protocol 7) relay. Configuration via environment:',
    line(RELAY_ENV.APP_ID, `app id (default ${RELAY_CLI_DEFAULTS.APP_ID})`),
    line(RELAY_ENV.APP_KEY, `app key (default ${RELAY_CLI_DEFAULTS.APP_KEY})`),
    line(RELAY_ENV.APP_SECRET, 'app secret (default: generated at start and printed once)'),
    line(RELAY_ENV.PORT, `port (default ${RELAY_CLI_DEFAULTS.PORT}; 0 = any free port)`),
    line(RELAY_ENV.HOST, `listen address (default ${RELAY_CLI_DEFAULTS.HOST})`),
    line(RELAY_ENV.CLIENT_EVENTS, `true lets subscribers send client-* events to each other (default ${String(RELAY_CLI_DEFAULTS.CLIENT_EVENTS)})`),
    line(RELAY_ENV.MAX_SUBSCRIPTIONS_PER_CONNECTION, `channels one socket may join (default ${RELAY_CLI_DEFAULTS.MAX_SUBSCRIPTIONS_PER_CONNECTION})`),
    line(RELAY_ENV.MAX_CONNECTIONS_PER_IP, `open sockets per remote address, loopback included (default ${RELAY_CLI_DEFAULTS.MAX_CONNECTIONS_PER_IP})`),
    line(RELAY_ENV.TRUSTED_PROXIES, 'comma-separated IPs of reverse proxies whose X-Forwarded-For names the client (default none)'),
  ].join('\n');
}

function instructions(config: RelayCliConfig, relay: RunningRelay): string[] {
  const lines = [
    `relay listening on ${relay.url} (app id ${config.appId}, key ${config.appKey})`,
    `client events ${config.clientEvents ? 'on' : `off (${RELAY_ENV.CLIENT_EVENTS}=true turns them on)`}`,
    `caps: ${config.maxSubscriptionsPerConnection} subscriptions per connection, ${config.maxConnectionsPerIp} connections per address`,
  ];
  if (config.secretGenerated) {
    lines.push(`generated secret (shown once; set ${RELAY_ENV.APP_SECRET} to keep it): ${config.secret}`);
  }
  lines.push(
    '',
    'pusher-js (browser/Node):',
    `  new Pusher('${config.appKey}', { cluster: 'local', wsHost: '${relay.host}', wsPort: ${relay.port}, forceTLS: false, enabledTransports: ['ws'] })`,
    'pusher (server SDK):',
    `  new Pusher({ appId: '${config.appId}', key: '${config.appKey}', secret: process.env.${RELAY_ENV.APP_SECRET}, host: '${relay.host}', port: '${relay.port}', useTLS: false })`,
    '',
    'Ctrl+C stops the relay.',
  );
  return lines;
}

function waitForShutdownSignal(signals: RelayCliIo['signals']): Promise<string> {
  return new Promise((resolve) => {
    const handlers = SHUTDOWN_SIGNALS.map((signal) => {
      const handler = (): void => {
        for (const [name, registered] of handlers) signals.off(name, registered);
        resolve(signal);
      };
      return [signal, handler] as const;
    });
    for (const [name, handler] of handlers) signals.once(name, handler);
  });
}

export async function runRelayCli(argv: string[], io: RelayCliIo = processIo): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(usage());
    return;
  }
  const result = readRelayCliConfig(io.env);
  if (!result.ok) {
    for (const error of result.errors) io.err(`relay: ${error}`);
    io.err(`relay: see 'ticketrail relay --help'`);
    io.setExitCode(EXIT_CODE_BAD_CONFIG);
    return;
  }
  const { config } = result;
  // Listen for signals before starting, so a Ctrl+C during start-up is not lost.
  const shutdownSignal = waitForShutdownSignal(io.signals);
  const relay = await startRelay({
    host: config.host,
    port: config.port,
    apps: [{ id: config.appId, key: config.appKey, secret: config.secret, clientEvents: config.clientEvents }],
    maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    trustedProxies: config.trustedProxies,
    logger: createLineLogger(io.err),
  }).catch((error: unknown) => {
    const reason = describeError(error);
    throw new Error(`relay: cannot listen on ${config.host}:${config.port}: ${reason}`);
  });
  for (const line of instructions(config, relay)) io.out(line);
  io.onListening?.(relay);

  const signal = await shutdownSignal;
  io.err(`relay: ${signal} received, closing connections`);
  await relay.close();
  io.err('relay: stopped');
}
