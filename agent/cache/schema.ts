/**
 * The agent's cache schema, applied in order; each entry runs once and is recorded in
 * `schema_migrations`. Append new entries, never edit a shipped one.
 */
export const CACHE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL,
    -- changed by a kitchen action while the realtime link was down, until the backend confirms
    unconfirmed INTEGER NOT NULL DEFAULT 0,
    conflict TEXT
  );
  CREATE INDEX orders_status ON orders(status, created_at);

  CREATE TABLE order_events (
    seq INTEGER PRIMARY KEY,
    order_id TEXT,
    job_id TEXT,
    body TEXT NOT NULL
  );
  CREATE INDEX order_events_order ON order_events(order_id);

  -- Every print job this agent has heard of; local_state tracks what this agent did with it.
  -- local_state: NULL (seen only), claimed, sending, printed, failed, lost (claimed elsewhere).
  CREATE TABLE print_jobs (
    id TEXT PRIMARY KEY,
    station TEXT NOT NULL,
    status TEXT NOT NULL,
    order_id TEXT,
    body TEXT NOT NULL,
    local_state TEXT,
    printer_id TEXT,
    local_error TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX print_jobs_updated ON print_jobs(updated_at);

  CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX outbox_target ON outbox(target_id);
  `,
  // 2: front of house (issue 12): payments and couriers of orders, kept from their events so the
  // board shows them after a restart, before any network call. Shipped here, so it stays here;
  // only TicketRail's connector reads them (agent/connectors/ticketrail/front-of-house/).
  `
  CREATE TABLE order_payments (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX order_payments_order ON order_payments(order_id);

  CREATE TABLE order_couriers (
    order_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  `,
  // 3: item lines struck through on the board (issue 19): the cooks' own ticks on a big ticket,
  // this agent's only and never sent anywhere. Cards of every source have them (line_index: an
  // order's item, or a source card's printed line: common/struck-lines.ts); a card's rows go when
  // the card leaves the rail (CacheDb.putOrder).
  `
  CREATE TABLE struck_lines (
    order_id TEXT NOT NULL,
    line_index INTEGER NOT NULL,
    struck_at TEXT NOT NULL,
    PRIMARY KEY (order_id, line_index)
  );
  `,
  // 4: counter notices stay for the day (issue 20): a board opened later shows today's, pruned at local midnight.
  `
  CREATE TABLE board_notices (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX board_notices_at ON board_notices(at);
  `,
];
