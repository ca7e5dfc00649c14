/**
 * The project's one CLI: `ticketrail <command> [options]`. Each command lives in the layer that owns
 * it; this file only dispatches, loading a command's module on demand so one command's
 * dependencies never slow another's start.
 */
type CommandRunner = (argv: string[]) => Promise<void>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandRunner> }> = {};

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
  await run(rest);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
