import type { Database, Queryable } from "../db/database.ts";

/** The notification channel on which processes sharing a PostgreSQL server tell each other to drop these caches. */
export const AUTH_CHANNEL = "zg_auth";

/** Audit entities whose changes can alter who is signed in or what they may see (logins and failed logins excluded). */
const AUTH_ENTITIES = new Set(["user", "org", "user_role", "session"]);

/** True when an audited change must drop the session and scope caches everywhere. */
export function isAuthChange(entry: { entity: string; action: string }): boolean {
  return AUTH_ENTITIES.has(entry.entity) && entry.action !== "login" && entry.action !== "login_failed";
}

interface Entry<T> {
  value: T;
  until: number;
}

/**
 * Per-process memory of what every request would otherwise read from the database: a session's
 * user and grants, and an actor's access scope. Entries live `ttlMs` (a few seconds) at most, and
 * every process drops them all as soon as a user, grant or org changes: the process that made the
 * change right after its commit, the others on a PostgreSQL notification sent in the same
 * transaction (PGlite has a single process). The expiry bounds staleness should a notification be
 * lost while a listener reconnects.
 */
export class AuthCache {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** A live entry, or undefined. */
  get<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  /** Stores an entry for the cache's lifetime (nothing when caching is off). */
  set(key: string, value: unknown): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
  }

  /** Drops one entry. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops everything. */
  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, AuthCache>();

/**
 * Gives a database its cache and, on PostgreSQL, subscribes to the other processes' notifications.
 * Only the database object itself is cached: queries inside a transaction (mutations) always read
 * fresh grants.
 */
export function attachAuthCache(db: Database, ttlMs: number): AuthCache {
  const existing = caches.get(db);
  if (existing) return existing;
  const cache = new AuthCache(ttlMs);
  caches.set(db, cache);
  void db.listen?.(AUTH_CHANNEL, () => cache.clear());
  return cache;
}

/** The cache of a database, or undefined for a transaction or an uncached database. */
export function authCacheOf(q: Queryable): AuthCache | undefined {
  return caches.get(q);
}
