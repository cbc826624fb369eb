/** The per-person flood guard: a token bucket in this instance's memory only (names never reach a table or a log). */

/** Allows `perSecond` actions a second with bursts of `burst` (an outbox flushing a few queued items). */
export function createSecondLimiter(options: {
  perSecond: number;
  burst?: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const burst = options.burst ?? 3;
  const rate = options.perSecond / 1000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();

  const level = (who: string, t: number) => {
    const bucket = buckets.get(who) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * rate);
    bucket.at = t;
    buckets.set(who, bucket);
    return bucket;
  };

  return {
    /** Takes a token for `who`; returns 0 when allowed, else the whole seconds to wait. */
    take(who: string): number {
      const t = now();
      // Full buckets hold nothing worth keeping: forget them now and then, so memory stays small.
      if (t - lastSweep > 10000) {
        for (const [key, bucket] of buckets) {
          if (bucket.tokens + (t - bucket.at) * rate >= burst)
            buckets.delete(key);
        }
        lastSweep = t;
      }
      const bucket = level(who, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
    },

    /** Gives back a token taken for a request that was then refused for another reason. */
    release(who: string): void {
      const bucket = buckets.get(who);
      if (bucket) bucket.tokens = Math.min(burst, bucket.tokens + 1);
    }
  };
}

/** The limiter's interface. */
export type SecondLimiter = ReturnType<typeof createSecondLimiter>;
