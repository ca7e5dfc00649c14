#!/usr/bin/env node
// `ticketrail` as an installed command (package.json "bin"). The CLI is TypeScript, so this file
// registers the installed tsx's loader in this very process and then imports cli/ticketrail.ts.
// One process instead of a `node --import tsx` child on purpose: a terminal's Ctrl-C goes to the
// whole process group, so a parent that also forwards signals can hand the CLI a second SIGINT,
// and the CLIs treat a second one as "stop now" (their handlers are gone by then), cutting a
// graceful shutdown short. In-process, argv, stdio, exit codes and signals are the CLI's own.
import { register } from 'tsx/esm/api';

register();
// Resolved against this file, not the working directory, so the command works from anywhere.
await import(new URL('../cli/ticketrail.ts', import.meta.url).href);
