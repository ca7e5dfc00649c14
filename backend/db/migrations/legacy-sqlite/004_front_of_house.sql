-- Front of house (issue 12): payments the diner is asked for, the courier of an order, and the
-- fields of newer event types.

-- A receipt's bytes live in DATA_DIR/receipts/<payment id>, never here: this row only knows that
-- one exists, its type and size.
CREATE TABLE payments (
  id              TEXT PRIMARY KEY,
  order_id        TEXT NOT NULL REFERENCES orders (id),
  type            TEXT NOT NULL CHECK (type IN ('food', 'courier')),
  amount          INTEGER NOT NULL CHECK (amount > 0),
  currency        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('requested', 'receipt_uploaded', 'verified', 'rejected')),
  qr_payload      TEXT,
  -- Epoch milliseconds, so the expiry check compares integers; ISO kept for the API.
  qr_expires_ms   INTEGER,
  qr_expires_at   TEXT,
  receipt_type    TEXT,
  receipt_bytes   INTEGER,
  reject_reason   TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1)
) STRICT;
CREATE INDEX payments_order ON payments (order_id);

-- One courier per order, replaced by each update.
CREATE TABLE order_couriers (
  order_id     TEXT PRIMARY KEY REFERENCES orders (id),
  vendor       TEXT NOT NULL,
  tracking_url TEXT NOT NULL,
  eta_minutes  INTEGER,
  updated_at   TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

-- Fields of an event beyond the shared columns (a payment's amount, a courier's link, an order's
-- final status), as a JSON object; NULL for the older event types, which need none.
ALTER TABLE events ADD COLUMN details_json TEXT;

-- A diner catches up on their own order's events: GET /api/events?order=&after=.
CREATE INDEX events_order_seq ON events (order_id, seq);
