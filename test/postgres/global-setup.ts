import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server: set in the `postgres` project only. */
    postgres?: PostgresServer;
  }
}

/**
 * One PostgreSQL server for the whole `postgres` project (starting one takes seconds); each test
 * file makes its own database in it, each backend data dir its own schema (backend/test/database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgres', { host: server.host, port: server.port, user: server.user, password: server.password });
  return () => server.stop();
}
