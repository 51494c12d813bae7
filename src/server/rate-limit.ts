import type http from "node:http";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitSettings {
  /** Requests per window for each client IP (requests without a valid API key); 0: unlimited. */
  perIp: number;
  /** Requests per window for each API key; 0: unlimited. */
  perKey: number;
  windowSeconds: number;
  /** Behind one reverse proxy: the client is the last X-Forwarded-For entry, not the socket peer. */
  trustProxy?: boolean;
}

export type RateDecision =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; limit: number; retryAfterSeconds: number };

/**
 * Fixed-window limits in this process's memory (rate-limiter-flexible): one bucket per client IP
 * for anonymous requests and requests with a wrong key (so key guessing is limited too), one per
 * API key for authenticated requests, so many users behind one NAT do not share a key's budget.
 */
export class RateLimiter {
  private readonly byIp: RateLimiterMemory | null;
  private readonly byKey: RateLimiterMemory | null;

  constructor(private readonly settings: RateLimitSettings) {
    this.byIp = settings.perIp > 0 ? new RateLimiterMemory({ keyPrefix: "ip", points: settings.perIp, duration: settings.windowSeconds }) : null;
    this.byKey = settings.perKey > 0 ? new RateLimiterMemory({ keyPrefix: "key", points: settings.perKey, duration: settings.windowSeconds }) : null;
  }

  clientIp(req: http.IncomingMessage): string {
    if (this.settings.trustProxy) {
      const forwarded = req.headers["x-forwarded-for"];
      const last = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded ?? "").split(",").map((part) => part.trim()).filter(Boolean).pop();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? "unknown";
  }

  /** Spends one request from the key's bucket when a valid key is given, else from the IP's. */
  async consume(req: http.IncomingMessage, keyId: number | null): Promise<RateDecision | null> {
    const limiter = keyId !== null ? this.byKey : this.byIp;
    if (!limiter) return null;
    const bucket = keyId !== null ? String(keyId) : this.clientIp(req);
    try {
      const result = await limiter.consume(bucket);
      return { allowed: true, limit: limiter.points, remaining: result.remainingPoints, resetSeconds: Math.ceil(result.msBeforeNext / 1000) };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, limit: limiter.points, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }
}

/** RateLimit-* headers on every limited response, Retry-After on a refusal. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  if (!decision.allowed) {
    return { "retry-after": String(decision.retryAfterSeconds), "ratelimit-limit": String(decision.limit), "ratelimit-remaining": "0", "ratelimit-reset": String(decision.retryAfterSeconds) };
  }
  return { "ratelimit-limit": String(decision.limit), "ratelimit-remaining": String(decision.remaining), "ratelimit-reset": String(decision.resetSeconds) };
}
