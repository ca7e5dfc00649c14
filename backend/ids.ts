import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's alphabet: no I, L, O or U, so ids read aloud or retyped survive.
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

// Ids are made several times per order; one getrandom() call per 4 KB instead of per id keeps
// that off the hot path. The bytes are as random as randomBytes' own.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function pooledRandomBytes(size: number): Uint8Array {
  if (poolOffset + size > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

/**
 * 48 bits of milliseconds then 80 random bits (ULID-like): ids sort by creation, so each new row
 * lands at the end of its primary-key index instead of splitting a random page, and collisions
 * are out of reach for any restaurant's lifetime.
 */
export function newId(prefix: 'ord' | 'job' | 'tok' | 'pay' | 'gc' | 'cus'): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(Date.now(), 0, 6);
  return `${prefix}_${base32(time)}${base32(pooledRandomBytes(10))}`;
}

/** A bearer token for staff: 160 random bits. */
export function newStaffToken(): string {
  return `tr_${base32(randomBytes(20))}`;
}

/** A random secret for the embedded relay or for deriving customer tokens. */
export function newSecret(bytes = 20): string {
  return randomBytes(bytes).toString('hex');
}

/** Tokens are stored only as this digest; a leaked database does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const CUSTOMER_TOKEN_PREFIX = 'ct_';

/**
 * The customer token of an order: `ct_<orderId>.<HMAC of the order id with a per-data-dir secret>`.
 * Derived rather than random, so an idempotent replay of `POST /api/orders` can hand out the same
 * token again without the plaintext ever being stored; it names its order, so checking it is a
 * primary-key read and a hash comparison, with no index over token hashes.
 */
export function deriveCustomerToken(secret: string, orderId: string): string {
  return `${CUSTOMER_TOKEN_PREFIX}${orderId}.${createHmac('sha256', secret).update(`customer-token:${orderId}`).digest('base64url')}`;
}

/** The order id a customer token names (not yet verified), if it has the right shape. */
export function orderIdOfCustomerToken(token: string): string | undefined {
  const match = /^ct_(ord_[0-9a-z]{1,40})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1];
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
