/** Anonymity keys: the keyed ledger, idempotency keys and receipt codes, all derived from one server secret. */
import { createHmac, hash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so a code read aloud or retyped is hard to get wrong.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 80 bits as `XXXX-XXXX-XXXX-XXXX`. */
function toCode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return (out.match(/.{4}/g) as string[]).join('-');
}

/** A receipt as typed by a person: case, spaces and dashes do not matter, and I/L/O read as 1/1/0. */
export function normaliseReceipt(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

/** The only form of a receipt the database holds. */
export function receiptHash(code: string): string {
  return hash('sha256', normaliseReceipt(code), 'hex');
}

/** A request body's fingerprint, to tell a replay from a different request under the same key. */
export function bodyHash(body: unknown): string {
  return hash('sha256', stableJson(body), 'hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * HMAC-SHA256 (RFC 2104) under a fixed key, with the key's padded blocks made once: each call is then
 * two one-shot hashes, about a fifth of the cost of a new `createHmac` (which sets up the key again);
 * a submission makes two or three of these.
 */
export function keyedHmac(key: Buffer): (message: string) => Buffer {
  const block = Buffer.alloc(64);
  (key.length > 64 ? hash('sha256', key, 'buffer') : key).copy(block);
  const inner = Buffer.from(block.map(byte => byte ^ 0x36));
  const outer = Buffer.from(block.map(byte => byte ^ 0x5c));
  return message =>
    hash(
      'sha256',
      Buffer.concat([
        outer,
        hash('sha256', Buffer.concat([inner, Buffer.from(message)]), 'buffer')
      ]),
      'buffer'
    );
}

/** Keys derived from the service secret; none can be reversed to a user from the database alone. */
export function createAnonymityKeys(serviceSecret: string) {
  // A sub-key, so the session-signing secret itself is never used for anything else.
  const secret = createHmac('sha256', serviceSecret)
    .update('catalyst-feedback/v1')
    .digest();
  const hmac = keyedHmac(secret);
  const mac = (...parts: string[]) => hmac(parts.join('\u0000'));

  return {
    /** Ledger key for "this person replied to this consultation". */
    consultationKey(
      hubId: string,
      user: string,
      consultationId: string
    ): string {
      return mac('consultation', hubId, user, consultationId).toString('hex');
    },

    /** Ledger key for "this person's submissions on this UTC day". */
    dayKey(hubId: string, user: string, day: string): string {
      return mac('day', hubId, user, day).toString('hex');
    },

    /** The stored form of an Idempotency-Key: only its sender can reproduce it. */
    idempotencyKey(hubId: string, user: string, key: string): string {
      return mac('idempotency', hubId, user, key).toString('hex');
    },

    /** A receipt code: reproducible from the same key (a retried request gets the same code), else random. */
    receipt(hubId: string, user: string, key: string | undefined): string {
      return toCode(key ? mac('receipt', hubId, user, key) : randomBytes(10));
    }
  };
}

/** The anonymity keys' interface. */
export type AnonymityKeys = ReturnType<typeof createAnonymityKeys>;
