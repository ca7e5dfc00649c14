import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentRealtimeConfigSchema } from '../../common/agent-config.js';
import { ERROR_CODES } from '../../common/errors.js';
import type { OrderCreated } from '../../common/order.js';
import { DATABASE_FILE } from '../db/database.js';
import { deriveCustomerToken } from '../ids.js';
import { LEGACY_SECRET_SETTINGS, SECRETS_FILE, type InstanceSecrets } from '../secrets/instance-secrets.js';
import { Resources, TEST_TOKENS, startTestBackend, tempDir, type TestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

function secretsFile(dataDir: string): { secrets: InstanceSecrets; mode: number; text: string } {
  const path = join(dataDir, SECRETS_FILE);
  const text = readFileSync(path, 'utf8');
  return { secrets: JSON.parse(text) as InstanceSecrets, mode: statSync(path).mode & 0o777, text };
}

/** The database as bytes on disk: the file and its WAL, where a deleted row lingers. */
function databaseBytes(dataDir: string): Buffer {
  const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => join(dataDir, name)).filter((path) => existsSync(path));
  return Buffer.concat(files.map((path) => readFileSync(path)));
}

function settingsRows(dataDir: string): { key: string; value: string }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key').all();
  } finally {
    db.close();
  }
}

function expectNowhereInTheDatabase(dataDir: string, secrets: InstanceSecrets): void {
  const bytes = databaseBytes(dataDir);
  expect(bytes.length).toBeGreaterThan(0);
  for (const secret of Object.values(secrets)) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  expect(settingsRows(dataDir).map((row) => row.key)).toEqual(['relay.appId', 'relay.key']);
}

/** The relay's signature of a private channel, as /api/pusher/auth answers it for an agent. */
async function channelAuth(test: TestBackend, token: string, channel: string): Promise<{ status: number; auth?: string }> {
  const answer = await test.api.post<{ auth?: string }>('/api/pusher/auth', token, { socket_id: '1.1', channel_name: channel });
  return { status: answer.status, ...(answer.body.auth !== undefined ? { auth: answer.body.auth } : {}) };
}

async function expectInUse(test: TestBackend, secrets: InstanceSecrets, order: OrderCreated): Promise<void> {
  const { key } = AgentRealtimeConfigSchema.parse((await test.api.get('/api/agent/config', TEST_TOKENS.agent)).body);
  const signature = createHmac('sha256', secrets.relaySecret).update('1.1:private-orders').digest('hex');
  expect(await channelAuth(test, TEST_TOKENS.agent, 'private-orders')).toEqual({ status: 200, auth: `${key}:${signature}` });
  expect(order.customerToken).toBe(deriveCustomerToken(secrets.customerTokenSecret, order.id));
  expect((await channelAuth(test, order.customerToken, `private-order-${order.id}`)).status).toBe(200);
}

describe('instance secrets live in DATA_DIR/secrets.json, never in the database', () => {
  it('keeps both secrets in a 0600 file, out of the SQLite bytes, and reuses them after a restart', async () => {
    const first = await startTestBackend(resources);
    const order = await first.api.createOrder();
    const { secrets, mode, text } = secretsFile(first.dataDir);
    expect(mode).toBe(0o600);
    expect(Object.keys(secrets).sort()).toEqual(['customerTokenSecret', 'relaySecret']);
    await expectInUse(first, secrets, order);
    expectNowhereInTheDatabase(first.dataDir, secrets);
    await first.backend.close();
    expectNowhereInTheDatabase(first.dataDir, secrets);

    const second = await startTestBackend(resources, { dataDir: first.dataDir });
    expect(secretsFile(second.dataDir).text).toBe(text);
    // The customer token handed out before the restart still opens its channel.
    await expectInUse(second, secrets, order);
  });

  it('moves the secrets of an older install out of its database and erases them there', async () => {
    const dataDir = tempDir(resources);
    const first = await startTestBackend(resources, { dataDir });
    const order = await first.api.createOrder();
    const { secrets } = secretsFile(dataDir);
    await first.backend.close();
    // What an older version left behind: the secrets in the settings table, no secrets.json.
    const old = new Database(join(dataDir, DATABASE_FILE));
    const insert = old.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run(LEGACY_SECRET_SETTINGS.relaySecret, secrets.relaySecret);
    insert.run(LEGACY_SECRET_SETTINGS.customerTokenSecret, secrets.customerTokenSecret);
    old.close();
    rmSync(join(dataDir, SECRETS_FILE));
    expect(databaseBytes(dataDir).includes(Buffer.from(secrets.customerTokenSecret))).toBe(true);

    const migrated = await startTestBackend(resources, { dataDir });
    expect(secretsFile(dataDir)).toMatchObject({ secrets, mode: 0o600 });
    expectNowhereInTheDatabase(dataDir, secrets);
    await expectInUse(migrated, secrets, order);
    await migrated.backend.close();
    expectNowhereInTheDatabase(dataDir, secrets);
  });

  it('erases them from the WAL too, when the older install stopped without a checkpoint', async () => {
    const first = await startTestBackend(resources);
    const order = await first.api.createOrder();
    const { secrets } = secretsFile(first.dataDir);
    await first.backend.close();
    const old = new Database(join(first.dataDir, DATABASE_FILE));
    resources.add(() => old.close());
    const insert = old.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run(LEGACY_SECRET_SETTINGS.relaySecret, secrets.relaySecret);
    insert.run(LEGACY_SECRET_SETTINGS.customerTokenSecret, secrets.customerTokenSecret);
    // The data dir as a crash leaves it: the rows are committed to the WAL, not yet to the file.
    const dataDir = tempDir(resources);
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) writeFileSync(join(dataDir, name), readFileSync(join(first.dataDir, name)));
    expect(readFileSync(join(dataDir, `${DATABASE_FILE}-wal`)).includes(Buffer.from(secrets.relaySecret))).toBe(true);

    const migrated = await startTestBackend(resources, { dataDir });
    expect(secretsFile(dataDir)).toMatchObject({ secrets, mode: 0o600 });
    expectNowhereInTheDatabase(dataDir, secrets);
    await expectInUse(migrated, secrets, order);
  });

  it('narrows a secrets file others can read back to 0600, and refuses to start on a broken one', async () => {
    const first = await startTestBackend(resources);
    const path = join(first.dataDir, SECRETS_FILE);
    await first.backend.close();
    chmodSync(path, 0o644);
    const second = await startTestBackend(resources, { dataDir: first.dataDir });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await second.backend.close();

    // Never regenerated over: new secrets would void every customer token handed out so far.
    writeFileSync(path, '{"relaySecret": 42');
    await expect(startTestBackend(resources, { dataDir: first.dataDir })).rejects.toMatchObject({ code: ERROR_CODES.SECRETS_FILE_INVALID });
    expect(readFileSync(path, 'utf8')).toBe('{"relaySecret": 42');
  });
});
