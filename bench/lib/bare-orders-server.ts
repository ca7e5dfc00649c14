/**
 * The baseline of `bench:backend`: a bare Fastify + better-sqlite3 route doing the row writes one
 * `POST /api/orders` costs the backend (the order, a print job per station, an event per row) in
 * one transaction, with the backend's pragmas (WAL, synchronous=NORMAL). No validation, no auth, no
 * idempotency, no realtime: what the machine can do, against which the backend's figure is a ratio.
 *
 * Run as a child process: `tsx bench/lib/bare-orders-server.ts DATA_DIR`; prints "listening on URL".
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

interface BareOrderBody {
  items: { station: string }[];
}

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: bare-orders-server.ts DATA_DIR');

const db = new Database(join(dataDir, 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, number INTEGER NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS print_jobs (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, station TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, order_id TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
`);
const insertOrder = db.prepare('INSERT INTO orders (id, number, status, body, created_at) VALUES (?, ?, ?, ?, ?)');
const insertJob = db.prepare('INSERT INTO print_jobs (id, order_id, station, status, created_at) VALUES (?, ?, ?, ?, ?)');
const insertEvent = db.prepare('INSERT INTO events (type, order_id, body, created_at) VALUES (?, ?, ?, ?)');
let number = 0;

const createOrder = db.transaction((body: BareOrderBody) => {
  const id = randomUUID();
  const at = new Date().toISOString();
  number += 1;
  insertOrder.run(id, number, 'submitted', JSON.stringify(body), at);
  insertEvent.run('order.submitted', id, JSON.stringify({ id, number, ...body }), at);
  for (const station of new Set(body.items.map((item) => item.station))) {
    const jobId = randomUUID();
    insertJob.run(jobId, id, station, 'pending', at);
    insertEvent.run('print-job.created', id, JSON.stringify({ id: jobId, orderId: id, station }), at);
  }
  return { id, number };
});

const app = Fastify({ logger: false });
app.post('/api/orders', async (request, reply) => reply.code(201).send(createOrder(request.body as BareOrderBody)));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${url}`);
process.on('SIGTERM', () => {
  void app.close().then(() => {
    db.close();
    process.exit(0);
  });
});
