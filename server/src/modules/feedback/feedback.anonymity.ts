/** Anonymity keys: the keyed ledger, idempotency keys and receipt codes, all derived from one server secret. */
import { createHash, createHmac, randomBytes } from 'node:crypto';

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
  return createHash('sha256').update(normaliseReceipt(code)).digest('hex');
}

/** A request body's fingerprint, to tell a replay from a different request under the same key. */
export function bodyHash(body: unknown): string {
  return createHash('sha256').update(stableJson(body)).digest('hex');
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

/** Keys derived from the service secret; none can be reversed to a user from the database alone. */
export function createAnonymityKeys(serviceSecret: string) {
  // A sub-key, so the session-signing secret itself is never used for anything else.
  const secret = createHmac('sha256', serviceSecret)
    .update('catalyst-feedback/v1')
    .digest();
  const mac = (...parts: string[]) =>
    createHmac('sha256', secret).update(parts.join('\u0000'));

  return {
    /** Ledger key for "this person replied to this consultation". */
    consultationKey(
      hubId: string,
      user: string,
      consultationId: string
    ): string {
      return mac('consultation', hubId, user, consultationId).digest('hex');
    },

    /** Ledger key for "this person's submissions on this UTC day". */
    dayKey(hubId: string, user: string, day: string): string {
      return mac('day', hubId, user, day).digest('hex');
    },

    /** The stored form of an Idempotency-Key: only its sender can reproduce it. */
    idempotencyKey(hubId: string, user: string, key: string): string {
      return mac('idempotency', hubId, user, key).digest('hex');
    },

    /** A receipt code: reproducible from the same key (a retried request gets the same code), else random. */
    receipt(hubId: string, user: string, key: string | undefined): string {
      return toCode(
        key ? mac('receipt', hubId, user, key).digest() : randomBytes(10)
      );
    }
  };
}

/** The anonymity keys' interface. */
export type AnonymityKeys = ReturnType<typeof createAnonymityKeys>;
