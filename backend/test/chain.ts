import { runLocationsCli, runTokensCli } from '../cli.js';
import { testDatabaseEnv } from './database.js';
import type { StaffRole } from '../index.js';

/** A location's tokens, made the operator's way (`ticketrail tokens create --location ID`). */
export interface LocationTokens {
  id: string;
  pos: string;
  agent: string;
  admin: string;
}

async function cli(run: typeof runTokensCli, args: string[], dataDir: string): Promise<string[]> {
  const lines: string[] = [];
  await run([...args, '--data-dir', dataDir], { print: (line) => lines.push(line), env: await testDatabaseEnv(dataDir) });
  return lines;
}

/** `ticketrail locations …` on the backend of `dataDir`; answers what it printed. */
export function locationsCli(dataDir: string, args: string[]): Promise<string[]> {
  return cli(runLocationsCli, args, dataDir);
}

/** `ticketrail tokens …` on the backend of `dataDir`; answers what it printed. */
export function tokensCli(dataDir: string, args: string[]): Promise<string[]> {
  return cli(runTokensCli, args, dataDir);
}

/** A new token of `role` in `location` (a chain-wide admin without one). */
export async function locationToken(dataDir: string, role: StaffRole, location?: string, label = `${role} ${location ?? 'chain'}`): Promise<string> {
  const [token] = await tokensCli(dataDir, ['create', '--role', role, '--label', label, ...(location ? ['--location', location] : [])]);
  if (!token?.startsWith('tr_')) throw new Error(`tokens create printed ${String(token)}`);
  return token;
}

/** A location made with `ticketrail locations create` and one token of each role in it. */
export async function makeLocation(dataDir: string, id: string, name = id): Promise<LocationTokens> {
  await locationsCli(dataDir, ['create', '--id', id, '--name', name]);
  return {
    id,
    pos: await locationToken(dataDir, 'pos', id),
    agent: await locationToken(dataDir, 'agent', id),
    admin: await locationToken(dataDir, 'admin', id),
  };
}
