/**
 * Rate limits for the pages that take a secret (sign-in) or are public (the
 * hand-in page): in-memory token buckets, one per key (the client's address,
 * or the link), so guessing is slow and one client cannot starve the rest.
 * A refused request gets 429 with Retry-After. Per process: behind several
 * replicas each has its own buckets, which still bounds a guesser.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { noteRefusal } from './refusals';

export interface BucketRule {
  /** Requests allowed at once. */
  burst: number;
  /** Requests regained per minute. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by key; buckets that are full again are forgotten. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token for `key`: 0 if allowed, else the seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    const rate = this.rule.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.rule.burst, at: now };
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.remember(key, bucket);
      return 0;
    }
    this.remember(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
  }

  private remember(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size <= this.maxKeys) return;
    // Keep memory bounded: forget the buckets that have refilled, then the oldest.
    const now = this.now();
    const rate = this.rule.perMinute / 60_000;
    for (const [k, b] of this.buckets)
      if (b.tokens + (now - b.at) * rate >= this.rule.burst) this.buckets.delete(k);
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}

export interface RateLimitOptions {
  /** Named in the log and the answer, e.g. "sign-in". */
  name: string;
  rule: BucketRule;
  /** The keys a request is counted under; each must have a token left. */
  keys: (c: Context) => string[];
  /** How the refusal is answered (JSON for the API, a page elsewhere). */
  refuse: (c: Context, retryAfter: number) => Response | Promise<Response>;
  now?: () => number;
}

/** A middleware that answers 429 with Retry-After once a key's bucket is empty. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const buckets = new TokenBuckets(options.rule, options.now);
  return async (c, next) => {
    for (const key of options.keys(c)) {
      const wait = buckets.take(key);
      if (wait > 0) {
        noteRefusal(c, `rate limit ${options.name} (${key.split(':')[0]})`);
        c.header('retry-after', String(wait));
        return options.refuse(c, wait);
      }
    }
    await next();
  };
}

/** The limits of the public pages, per client address and per verified hand-in link. */
export interface PublicRateLimits {
  signInByClient: BucketRule;
  handInByClient: BucketRule;
  /** Links whose signature does not verify, per client address. */
  handInBadLinkByClient: BucketRule;
  /** One verified link (task and person). */
  handInByLink: BucketRule;
}

export const DEFAULT_RATE_LIMITS: PublicRateLimits = {
  // Sign-in posts: a person mistyping a few times, not a guesser.
  signInByClient: { burst: 10, perMinute: 10 },
  // Hand-in views and posts: a busy office behind one address may share it.
  handInByClient: { burst: 60, perMinute: 60 },
  // A mistyped or truncated link now and then, not a guesser.
  handInBadLinkByClient: { burst: 10, perMinute: 5 },
  // One link is one person's: a few views and uploads a minute.
  handInByLink: { burst: 20, perMinute: 10 },
};
