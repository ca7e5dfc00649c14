-- Instance-wide values that must survive restarts: the embedded relay's credentials and the
-- secret customer tokens are derived from.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  hash       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'pos')),
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

-- One row per business day: the last order number handed out that day.
CREATE TABLE order_counters (
  day  TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
  id                  TEXT PRIMARY KEY,
  number              TEXT NOT NULL,
  day                 TEXT NOT NULL,
  type                TEXT NOT NULL CHECK (type IN ('dine_in', 'takeaway', 'delivery')),
  table_label         TEXT,
  customer_name       TEXT,
  customer_phone      TEXT,
  items_json          TEXT NOT NULL,
  notes               TEXT,
  total_amount        INTEGER,
  total_currency      TEXT,
  status              TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'ready', 'completed', 'cancelled')),
  cancel_reason       TEXT,
  -- sha256 of the order's customer token; the token names its order, so no index is needed.
  customer_token_hash TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  version             INTEGER NOT NULL CHECK (version >= 1),
  UNIQUE (day, number)
) STRICT;
CREATE INDEX orders_status ON orders (status);

CREATE TABLE print_jobs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('ticket', 'raw', 'image')),
  order_id       TEXT REFERENCES orders (id),
  station        TEXT NOT NULL,
  printer_id     TEXT,
  copies         INTEGER NOT NULL CHECK (copies >= 1),
  payload        TEXT,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'printing', 'done', 'failed')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  claimed_by     TEXT,
  -- Epoch milliseconds, so lease checks compare integers.
  lease_until_ms INTEGER,
  lease_ms       INTEGER,
  error          TEXT,
  printed_at     TEXT,
  reprint_of     TEXT REFERENCES print_jobs (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 1)
) STRICT;
CREATE INDEX print_jobs_status_lease ON print_jobs (status, lease_until_ms);
CREATE INDEX print_jobs_order ON print_jobs (order_id);

-- The append-only log agents catch up from. AUTOINCREMENT: a seq is never reused, even after
-- the newest rows are deleted, so an agent's lastSeq stays meaningful.
CREATE TABLE events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  type        TEXT NOT NULL,
  order_id    TEXT,
  job_id      TEXT,
  station     TEXT,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  actor_type  TEXT NOT NULL,
  actor_id    TEXT NOT NULL,
  at          TEXT NOT NULL,
  reason      TEXT,
  version     INTEGER
) STRICT;

-- Remembered answers to `POST /api/orders` with an Idempotency-Key, per token.
CREATE TABLE idempotency_keys (
  principal     TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  order_id      TEXT NOT NULL REFERENCES orders (id),
  response_json TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  PRIMARY KEY (principal, key)
) STRICT;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_ms);
