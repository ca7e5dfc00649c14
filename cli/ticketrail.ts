// First, before any command's modules load: see react-production.ts.
import './react-production.js';
import { describeError } from '../common/describe-error.js';

/**
 * The project's one CLI: `ticketrail <command> [options]`. Each command lives in the layer that owns
 * it; this file only dispatches, loading a command's module on demand so one command's
 * dependencies never slow another's start.
 */
type CommandRunner = (argv: string[]) => Promise<unknown>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandRunner> }> = {
  start: { summary: 'the whole kitchen on this machine (backend, relay, agent, board)', load: async () => (await import('./start.js')).runStartCli },
  backend: { summary: 'the order and print-job backend (and the diner\'s page)', load: async () => (await import('./backend.js')).runBackendCommand },
  relay: { summary: 'the Pusher-protocol relay alone', load: async () => (await import('../backend/relay/cli.js')).runRelayCli },
  tokens: { summary: 'create or list backend tokens', load: async () => (await import('../backend/cli.js')).runTokensCli },
  locations: { summary: "create or list a chain's locations", load: async () => (await import('../backend/cli.js')).runLocationsCli },
  simulate: { summary: 'post realistic demo orders', load: async () => (await import('../backend/simulate.js')).runSimulateCli },
  agent: {
    summary: 'the kitchen agent, headless',
    load: async () => {
      const [{ runAgentCli }, { renderBoardPage }, { RENDERER_DIST }] = await Promise.all([
        import('../agent/index.js'),
        import('../renderer/first-screen/board-page.js'),
        import('./build-if-stale.js'),
      ]);
      // The board next to this file, not in the working directory: `ticketrail agent` runs from anywhere.
      return (argv) => runAgentCli(argv, { boardPage: renderBoardPage, rendererDir: RENDERER_DIST });
    },
  },
  'virtual-printer': { summary: 'a virtual ESC/POS printer on a TCP port', load: async () => (await import('../agent/index.js')).runVirtualPrinterCli },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(16)} ${summary}`);
  return ['usage: ticketrail <command> [options]', '', 'commands:', ...lines].join('\n');
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(usage());
    process.exitCode = name && name !== '--help' ? 2 : 0;
    return;
  }
  const run = await command.load();
  const result = await run(rest);
  if (typeof result === 'number') process.exitCode = result;
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exitCode = 1;
});
