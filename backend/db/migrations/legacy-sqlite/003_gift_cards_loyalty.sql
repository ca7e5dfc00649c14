-- POS terminals (issue 13): gift cards with a ledger, loyalty points per phone number, voucher
-- print jobs, and Idempotency-Key for more routes than POST /api/orders. (The fields of the newer
-- event types live in events.details_json, added by 004.)

-- Idempotency keys of any route that creates something: `scope` names the route ('orders',
-- 'gift-cards'), `resource_id` what the first request made. Rebuilt because the old table's
-- order_id had to name an order. Keys are still per token; the same key on two routes is two keys.
CREATE TABLE idempotency_keys_v3 (
  scope         TEXT NOT NULL,
  principal     TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  resource_id   TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  PRIMARY KEY (scope, principal, key)
) STRICT;
INSERT INTO idempotency_keys_v3 (scope, principal, key, request_hash, resource_id, response_json, created_ms)
  SELECT 'orders', principal, key, request_hash, order_id, response_json, created_ms FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_v3 RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_ms);

-- print_jobs again, with the `voucher` kind (a CHECK cannot be altered in SQLite) and the voucher a
-- voucher job prints, as JSON (common/gift-card.ts VoucherSchema). rowid is kept: it is the
-- listing's cursor. The self-reference names the new table, so nothing points at the old one when
-- it is dropped; the rename then points it at `print_jobs` again.
CREATE TABLE print_jobs_v3 (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('ticket', 'raw', 'image', 'voucher')),
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
  reprint_of     TEXT REFERENCES print_jobs_v3 (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 1),
  voucher_json   TEXT,
  CHECK ((kind = 'voucher') = (voucher_json IS NOT NULL))
) STRICT;
INSERT INTO print_jobs_v3 (rowid, id, kind, order_id, station, printer_id, copies, payload, status, attempts, claimed_by,
    lease_until_ms, lease_ms, error, printed_at, reprint_of, created_at, updated_at, version)
  SELECT rowid, id, kind, order_id, station, printer_id, copies, payload, status, attempts, claimed_by,
    lease_until_ms, lease_ms, error, printed_at, reprint_of, created_at, updated_at, version
  FROM print_jobs ORDER BY rowid;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_v3 RENAME TO print_jobs;
CREATE INDEX print_jobs_status_lease ON print_jobs (status, lease_until_ms);
CREATE INDEX print_jobs_order ON print_jobs (order_id);

-- A gift card. Its balance is not stored: it is the sum of its ledger, read inside the
-- transaction that changes it, so two redemptions can never both spend the same money.
CREATE TABLE gift_cards (
  id              TEXT PRIMARY KEY,
  card_number     TEXT NOT NULL UNIQUE,
  currency        TEXT NOT NULL,
  initial_amount  INTEGER NOT NULL CHECK (initial_amount > 0),
  status          TEXT NOT NULL CHECK (status IN ('active', 'void')),
  purchased_by    TEXT,
  recipient_name  TEXT,
  recipient_email TEXT,
  expires_at      TEXT,
  -- Epoch milliseconds of expires_at, so the expiry check compares integers.
  expires_ms      INTEGER,
  voided_at       TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

-- The ledger: + the purchase, − each redemption, − what was left when the card was voided.
CREATE TABLE gift_card_transactions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  gift_card_id  TEXT NOT NULL REFERENCES gift_cards (id),
  kind          TEXT NOT NULL CHECK (kind IN ('purchase', 'redeem', 'void')),
  amount        INTEGER NOT NULL,
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
  order_id      TEXT REFERENCES orders (id),
  actor_type    TEXT NOT NULL,
  actor_id      TEXT NOT NULL,
  at            TEXT NOT NULL
) STRICT;
CREATE INDEX gift_card_transactions_card ON gift_card_transactions (gift_card_id, id);

-- A loyalty account per E.164 phone number; its balance, too, is the sum of its ledger.
CREATE TABLE loyalty_customers (
  id         TEXT PRIMARY KEY,
  phone      TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  -- How many ledger lines the account has (0 only inside the transaction that makes it).
  version    INTEGER NOT NULL CHECK (version >= 0)
) STRICT;

CREATE TABLE loyalty_transactions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id   TEXT NOT NULL REFERENCES loyalty_customers (id),
  kind          TEXT NOT NULL CHECK (kind IN ('add', 'redeem')),
  points        INTEGER NOT NULL,
  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
  reason        TEXT NOT NULL,
  actor_type    TEXT NOT NULL,
  actor_id      TEXT NOT NULL,
  at            TEXT NOT NULL
) STRICT;
CREATE INDEX loyalty_transactions_customer ON loyalty_transactions (customer_id, id);

-- POS terminals catch up with GET /api/events?channel=pos: the log read by type.
CREATE INDEX events_type_seq ON events (type, seq);
