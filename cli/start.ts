import { formatTokenLine } from '../common/token-lines.js';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runSimulateCli } from '../backend/simulate.js';
import { ALL_IN_ONE_PORTS, startAllInOne } from './all-in-one.js';
import { buildBoardIfStale, buildDinerIfStale, buildIfStale, RENDERER_DIST } from './build-if-stale.js';
import { detectElectron, launchElectron, probeElectronNativeModules, watchElectronStart, type ElectronCheck } from './electron-launcher.js';

const USAGE = `usage: npm start -- [--port N] [--backend-port N] [--relay-port N] [--printer-port N]
                    [--data-dir DIR] [--demo] [--headless]

Runs the whole kitchen on this machine: backend + embedded relay + SQLite, a virtual printer
until a real one is configured, and the board (in Electron, or headless in a browser).
Defaults: board ${ALL_IN_ONE_PORTS.board}, backend ${ALL_IN_ONE_PORTS.backend}, relay ${ALL_IN_ONE_PORTS.relay}, printer ${ALL_IN_ONE_PORTS.printer}; 0 picks a free port.`;

function portFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${name} must be 0-65535, got "${value}"`);
  return port;
}

export async function runStartCli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'backend-port': { type: 'string' },
      'relay-port': { type: 'string' },
      'printer-port': { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean' },
      headless: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const ports = {
    board: portFlag('port', values.port, ALL_IN_ONE_PORTS.board),
    backend: portFlag('backend-port', values['backend-port'], ALL_IN_ONE_PORTS.backend),
    relay: portFlag('relay-port', values['relay-port'], ALL_IN_ONE_PORTS.relay),
    printer: portFlag('printer-port', values['printer-port'], ALL_IN_ONE_PORTS.printer),
  };
  const root = resolve(import.meta.dirname, '..');
  const dataDir = resolve(values['data-dir'] ?? '.data');

  if (await buildBoardIfStale()) {
    console.log('built the board (dist/renderer)');
  }
  if (await buildDinerIfStale()) {
    console.log("built the diner's page (dist/diner)");
  }

  const electron = chooseWindow(Boolean(values.headless), root);
  const inElectron = 'binary' in electron;
  const kitchen = await startAllInOne({ dataDir, ports, rendererDir: RENDERER_DIST, startAgent: !inElectron });

  console.log('TicketRail is running');
  console.log(inElectron ? '  board:    in the TicketRail window' : `  board:    ${kitchen.boardUrl}   (open it in a browser)`);
  console.log(`  backend:  ${kitchen.backend.url}`);
  if (kitchen.backend.relay) console.log(`  relay:    ${kitchen.backend.relay.url}`);
  if (kitchen.virtualPrinter) console.log(`  printer:  virtual, tcp://127.0.0.1:${kitchen.virtualPrinter.port} (add a real one in Settings)`);
  console.log(formatTokenLine('pos', kitchen.tokens.pos));
  console.log(`  try: curl -X POST ${kitchen.backend.url}/api/orders -H 'authorization: Bearer ${kitchen.tokens.pos}' \\`);
  console.log(`         -H 'content-type: application/json' -d '{"type":"takeaway","items":[{"name":"Soup","qty":1,"station":"kitchen"}]}'`);

  kitchen.virtualPrinter?.on('job', (job) => {
    console.log(`\n[virtual printer] ${job.id} at ${job.printedAt.toISOString()}`);
    for (const line of job.decoded.lines) console.log(`  | ${line.text}`);
  });

  const demo = new AbortController();
  if (values.demo) {
    void runSimulateCli(['--rate', '6/min'], { env: { TICKETRAIL_BACKEND_URL: kitchen.backend.url, POS_TOKEN: kitchen.tokens.pos }, signal: demo.signal }).catch(
      (error: unknown) => console.error(`demo orders stopped: ${(error as Error).message}`),
    );
  }

  let stopping = false;
  let window: ChildProcess | undefined;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    demo.abort();
    console.log('\nstopping…');
    // The window's agent goes first, so its last reports still reach this backend.
    if (window && window.exitCode === null && window.signalCode === null) {
      const ended = new Promise((resolve) => window!.once('exit', resolve));
      window.kill('SIGTERM');
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, WINDOW_STOP_MS))]);
    }
    await kitchen.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (inElectron) {
    await buildIfStale(resolve(root, 'main/vite.config.ts'), resolve(root, 'dist/electron/main.js'), [resolve(root, 'main'), resolve(root, 'agent'), resolve(root, 'common'), resolve(root, 'common-node')]);
    await buildIfStale(resolve(root, 'preload/vite.config.ts'), resolve(root, 'dist/electron/preload.cjs'), [resolve(root, 'preload'), resolve(root, 'common')]);
    window = launchElectron(electron.binary, resolve(root, 'dist/electron/main.js'), { ...process.env, ...kitchen.agentEnv });
    const started = await watchElectronStart(window);
    if (started.kind === 'failed') {
      // No window after all: the kitchen still needs its board and its printing.
      window = undefined;
      const agent = await kitchen.startLocalAgent();
      console.log(`  the TicketRail window did not start (${started.detail}); running headless instead`);
      console.log(`  board:    ${agent.localApiUrl}   (open it in a browser)`);
      return;
    }
    if (started.kind === 'quit') return void stop();
    window.once('exit', () => void stop());
  } else {
    console.log(`  (headless: ${electron.reason})`);
  }
}

/** How long Ctrl-C waits for the window (and the agent inside it) to close before going on. */
const WINDOW_STOP_MS = 5_000;

/** The Electron window when it can run here, else why the board is served headless. */
function chooseWindow(headless: boolean, root: string): ElectronCheck {
  if (headless) return { reason: '--headless' };
  const found = detectElectron();
  return 'binary' in found ? probeElectronNativeModules(found.binary, root) : found;
}
