-- Customer tokens (issue 17): an admin may revoke an order's diner link. Expiry needs no column: a
-- closed order's updated_at is the moment it closed (nothing moves a closed order again).
ALTER TABLE orders ADD COLUMN customer_token_revoked_at TEXT;
