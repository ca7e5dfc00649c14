import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { adminQuery, postgresUrl, type PostgresServer } from '../../test/postgres/server.js';

/*
 * Which database the backend suite runs on. The `sqlite` project (vitest.config.ts) runs it on
 * SQLite files in temp data dirs, as always; the `postgres` project on the run's PostgreSQL
 * server: a database per test file (each file runs in its own worker process) and a schema per
 * backend data dir, so a test that restarts a backend on its data dir finds its rows again.
 */

function server(): PostgresServer | undefined {
  return inject('postgres');
}

/** Whether this test file runs on PostgreSQL. */
export function usingPostgres(): boolean {
  return server() !== undefined;
}

let database: Promise<string> | undefined;
const schemas = new Map<string, Promise<string>>();

/** This file's database, made on first use. */
export function testDatabase(pgServer: PostgresServer): Promise<string> {
  database ??= (async () => {
    const name = `tr_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(pgServer, `CREATE DATABASE ${name}`);
    return name;
  })();
  return database;
}

/** A fresh schema in this file's database, and the DATABASE_URL that puts it first on the search path. */
export async function freshDatabaseUrl(pgServer: PostgresServer): Promise<string> {
  const name = await testDatabase(pgServer);
  const schema = `s_${randomBytes(6).toString('hex')}`;
  await adminQuery(pgServer, `CREATE SCHEMA ${schema}`, name);
  return postgresUrl(pgServer, name, schema);
}

/**
 * The environment that points a backend (or the tokens CLI) of `dataDir` at its database: nothing
 * on SQLite (the file in the data dir), DATABASE_URL of the data dir's schema on PostgreSQL.
 */
export async function testDatabaseEnv(dataDir: string): Promise<Record<string, string>> {
  const pgServer = server();
  if (!pgServer) return {};
  let url = schemas.get(dataDir);
  if (!url) {
    url = freshDatabaseUrl(pgServer);
    schemas.set(dataDir, url);
  }
  return { DATABASE_URL: await url };
}

/** Runs SQL on the PostgreSQL schema of a backend's data dir, or at a DATABASE_URL (what a test checks behind the API). */
export async function queryTestDatabase<Row extends object>(dataDirOrUrl: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const url = /^postgres(ql)?:/.test(dataDirOrUrl) ? dataDirOrUrl : (await testDatabaseEnv(dataDirOrUrl)).DATABASE_URL;
  if (!url) throw new Error('this test file does not run on PostgreSQL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}
