import type { Generated } from 'kysely';

/*
 * The backend's tables as Kysely sees them: every query in backend/repositories is checked against
 * these types at compile time, for SQLite and PostgreSQL alike. The DDL that makes them lives in
 * migrations/chain-schema.ts; the two are kept in step by the tests that run every repository
 * against both databases. Times are ISO strings (`*_at`) for the API and epoch milliseconds
 * (`*_ms`) where the SQL compares them.
 */

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface LocationsTable {
  id: string;
  name: string;
  created_at: string;
}

/** The last seq handed out per location: the row every event-writing transaction locks last. */
export interface EventSequencesTable {
  location_id: string;
  last_seq: number;
}

export interface TokensTable {
  id: string;
  hash: string;
  role: 'admin' | 'agent' | 'pos';
  /** null: a chain-wide admin token. */
  location_id: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export interface OrderCountersTable {
  location_id: string;
  day: string;
  last: number;
}

export interface OrdersTable {
  /** Insertion order: what list cursors point at. */
  position: Generated<number>;
  id: string;
  location_id: string;
  number: string;
  day: string;
  type: 'dine_in' | 'takeaway' | 'delivery';
  table_label: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  items_json: string;
  notes: string | null;
  total_amount: number | null;
  total_currency: string | null;
  status: 'submitted' | 'accepted' | 'ready' | 'completed' | 'cancelled';
  cancel_reason: string | null;
  customer_token_hash: string;
  /** When an admin revoked the order's customer token (migration 008); null while it works. */
  customer_token_revoked_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The order's stations as JSON (migration 006); NULL on older orders, whose stations follow from items and status. */
  stations_json: string | null;
  /** Set while the order is completed (migration 006). */
  completed_at: string | null;
  /** 'customer' or 'staff' on a cancelled order (migration 009); NULL when not known. */
  cancelled_by: 'customer' | 'staff' | null;
  /** Folded number, customer name and table (common/order-search.ts; migration 009). */
  search_text: string;
  /** The customer phone's digits without leading zeros (migration 009). */
  phone_digits: string;
}

export interface PrintJobsTable {
  position: Generated<number>;
  id: string;
  location_id: string;
  kind: 'ticket' | 'raw' | 'image' | 'voucher';
  order_id: string | null;
  station: string;
  printer_id: string | null;
  copies: number;
  payload: string | null;
  status: 'pending' | 'printing' | 'done' | 'failed';
  attempts: number;
  claimed_by: string | null;
  lease_until_ms: number | null;
  lease_ms: number | null;
  error: string | null;
  printed_at: string | null;
  reprint_of: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  voucher_json: string | null;
}

export interface EventsTable {
  location_id: string;
  seq: number;
  type: string;
  order_id: string | null;
  job_id: string | null;
  station: string | null;
  from_status: string | null;
  to_status: string;
  actor_type: string;
  actor_id: string;
  at: string;
  reason: string | null;
  version: number | null;
  details_json: string | null;
}

export interface IdempotencyKeysTable {
  location_id: string;
  scope: string;
  principal: string;
  key: string;
  request_hash: string;
  resource_id: string;
  response_json: string;
  created_ms: number;
}

export interface AgentBindingsTable {
  location_id: string;
  agent_id: string;
  token_id: string;
  bound_at: string;
}

export interface PaymentsTable {
  position: Generated<number>;
  id: string;
  location_id: string;
  order_id: string;
  type: 'food' | 'courier';
  amount: number;
  currency: string;
  status: 'requested' | 'receipt_uploaded' | 'verified' | 'rejected';
  qr_payload: string | null;
  qr_expires_ms: number | null;
  qr_expires_at: string | null;
  receipt_type: 'image/jpeg' | 'image/png' | 'image/webp' | null;
  receipt_bytes: number | null;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Receipt images kept in the database (PostgreSQL: any backend process serves them). */
export interface ReceiptImagesTable {
  payment_id: string;
  type: string;
  bytes: Uint8Array;
  updated_at: string;
}

export interface OrderCouriersTable {
  order_id: string;
  vendor: string;
  tracking_url: string;
  eta_minutes: number | null;
  /** The courier's own name and phone (migration 010); NULL when not given. */
  courier_name: string | null;
  courier_phone: string | null;
  updated_at: string;
  version: number;
}

export interface GiftCardsTable {
  id: string;
  /** Where the card was sold. */
  location_id: string;
  card_number: string;
  currency: string;
  initial_amount: number;
  status: 'active' | 'void';
  purchased_by: string | null;
  recipient_name: string | null;
  recipient_email: string | null;
  expires_at: string | null;
  expires_ms: number | null;
  voided_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface GiftCardTransactionsTable {
  id: Generated<number>;
  gift_card_id: string;
  /** Where the line was written (the sale, a redemption, the void). */
  location_id: string;
  kind: 'purchase' | 'redeem' | 'void';
  amount: number;
  balance_after: number;
  order_id: string | null;
  actor_type: string;
  actor_id: string;
  at: string;
}

export interface LoyaltyCustomersTable {
  id: string;
  /** Where the account was opened. */
  location_id: string;
  /** `*` for an account of the whole chain, else the location it belongs to (GIFT_CARDS_SCOPE=location). */
  scope: string;
  phone: string;
  created_at: string;
  version: number;
}

export interface LoyaltyTransactionsTable {
  id: Generated<number>;
  customer_id: string;
  location_id: string;
  kind: 'add' | 'redeem';
  points: number;
  balance_after: number;
  reason: string;
  actor_type: string;
  actor_id: string;
  at: string;
}

/**
 * The service rollup (issue 22), derived from the event log in the transaction that writes the
 * events (services/service-rollup-projection.ts): one row per order with what the log has said of
 * it so far …
 */
export interface ServiceOrdersTable {
  location_id: string;
  order_id: string;
  number: string;
  submitted_ms: number;
  status: 'submitted' | 'accepted' | 'ready' | 'completed' | 'cancelled';
  ready_ms: number | null;
  total_amount: number | null;
  total_currency: string | null;
  /** `{station: {items, readyMs}}` (reports/service-rollup.ts, StationFacts). */
  stations_json: string;
}

/** … and one row per location and 15-minute slot with the slot's figures (reports/service-rollup.ts, SlotAggregate). */
export interface ServiceSlotsTable {
  location_id: string;
  /** floor(epoch ms / 900,000). */
  slot: number;
  data_json: string;
}

export interface Schema {
  schema_migrations: SchemaMigrationsTable;
  settings: SettingsTable;
  locations: LocationsTable;
  event_sequences: EventSequencesTable;
  tokens: TokensTable;
  order_counters: OrderCountersTable;
  orders: OrdersTable;
  print_jobs: PrintJobsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  agent_bindings: AgentBindingsTable;
  payments: PaymentsTable;
  receipt_images: ReceiptImagesTable;
  order_couriers: OrderCouriersTable;
  gift_cards: GiftCardsTable;
  gift_card_transactions: GiftCardTransactionsTable;
  loyalty_customers: LoyaltyCustomersTable;
  loyalty_transactions: LoyaltyTransactionsTable;
  service_orders: ServiceOrdersTable;
  service_slots: ServiceSlotsTable;
}
