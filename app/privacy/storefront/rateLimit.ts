// Token buckets kept in this process. With several app instances each keeps its own buckets, so
// the effective limit is the per-instance limit times the number of instances; a shared store
// (Redis, the database) would be needed for an exact global limit.
export interface BucketRule {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Tokens restored per second. */
  refillPerSecond: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly maxKeys = 50_000,
  ) {}

  take(key: string, now = Date.now()): TakeResult {
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rule.refillPerSecond)) };
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.evictFull(now);
      bucket = { tokens: this.rule.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.rule.capacity, bucket.tokens + elapsed * this.rule.refillPerSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  /** Forgets buckets that have refilled completely: they behave exactly like new ones. */
  private evictFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const elapsed = (now - bucket.updatedAt) / 1000;
      if (bucket.tokens + elapsed * this.rule.refillPerSecond >= this.rule.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

/** Checks every limit in turn; a request is allowed only when all of them allow it. */
export function takeAll(checks: Array<[TokenBuckets, string]>, now = Date.now()): TakeResult {
  for (const [buckets, key] of checks) {
    const result = buckets.take(key, now);
    if (!result.allowed) return result;
  }
  return { allowed: true };
}
