/**
 * Entry of the bundled headless agent (dist/agent/agent.js, built by agent/vite.config.ts): plain
 * Node runs it without a TypeScript loader, as a counter PC without Electron would.
 */
import { runAgentCli } from './cli.js';

await runAgentCli(process.argv.slice(2));
