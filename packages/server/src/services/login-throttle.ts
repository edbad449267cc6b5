import type { Queryable } from "../db/database.ts";
import { AppError } from "../errors.ts";
import {
  clearThrottleKey,
  countThrottleFailure,
  deleteStaleThrottleRows,
  findThrottleRows,
  lockThrottleKey,
} from "../repositories/login-throttle.repository.ts";

/**
 * Sign-in throttling policy. Counters live in the database (table login_throttle), so the limits
 * hold across app processes and restarts.
 *
 * - Per account: the first ACCOUNT_FREE_FAILURES failures within an hour cost nothing; each further
 *   one locks the account name for 2^(n − free) seconds, at most ACCOUNT_MAX_LOCK_SECONDS. A correct
 *   password resets the count.
 * - Per client address: IP_MAX_FAILURES failures within IP_WINDOW_SECONDS lock the address until the
 *   window ends, whichever accounts they were for. Behind a reverse proxy the address is the client's
 *   only when ZG_TRUST_PROXY names the proxy (otherwise all users share the proxy's bucket).
 */
export const LOGIN_POLICY = {
  accountFreeFailures: 5,
  accountWindowSeconds: 3600,
  accountMaxLockSeconds: 15 * 60,
  ipMaxFailures: 50,
  ipWindowSeconds: 15 * 60,
} as const;

/** The throttle keys of one sign-in attempt. */
export interface LoginKeys {
  account: string;
  ip: string | null;
}

/** Builds the keys of an attempt; account names are compared case-insensitively. */
export function loginKeysOf(username: string, ip: string | null | undefined): LoginKeys {
  return { account: `account:${username.trim().toLowerCase().slice(0, 100)}`, ip: ip ? `ip:${ip.slice(0, 80)}` : null };
}

function keysOf(keys: LoginKeys): string[] {
  return keys.ip ? [keys.account, keys.ip] : [keys.account];
}

/** Refuses the attempt with RATE_LIMITED while the account or the address is locked. */
export async function ensureLoginAllowed(q: Queryable, keys: LoginKeys, now: Date): Promise<void> {
  let waitSeconds = 0;
  for (const row of await findThrottleRows(q, keysOf(keys))) {
    if (row.lockedUntil) waitSeconds = Math.max(waitSeconds, Math.ceil((new Date(row.lockedUntil).getTime() - now.getTime()) / 1000));
  }
  if (waitSeconds > 0) {
    throw new AppError("RATE_LIMITED", `登录失败次数过多，请 ${waitSeconds} 秒后再试`, { retryAfterSeconds: waitSeconds });
  }
}

/** Counts a failed attempt against the account and the address and locks what went over its limit. */
export async function recordLoginFailure(q: Queryable, keys: LoginKeys, now: Date): Promise<void> {
  const account = await countThrottleFailure(q, keys.account, now, LOGIN_POLICY.accountWindowSeconds);
  const over = account.failures - LOGIN_POLICY.accountFreeFailures;
  if (over > 0) {
    const seconds = Math.min(2 ** Math.min(over - 1, 20), LOGIN_POLICY.accountMaxLockSeconds);
    await lockThrottleKey(q, keys.account, new Date(now.getTime() + seconds * 1000));
  }
  if (keys.ip) {
    const ip = await countThrottleFailure(q, keys.ip, now, LOGIN_POLICY.ipWindowSeconds);
    if (ip.failures >= LOGIN_POLICY.ipMaxFailures) {
      await lockThrottleKey(q, keys.ip, new Date(new Date(ip.windowStart).getTime() + LOGIN_POLICY.ipWindowSeconds * 1000));
    }
  }
  // Housekeeping: rows whose window and lock are both long over.
  await deleteStaleThrottleRows(q, new Date(now.getTime() - 24 * 3600_000));
}

/** Forgets the account's failures after a correct password (the address keeps its count). */
export async function recordLoginSuccess(q: Queryable, keys: LoginKeys): Promise<void> {
  await clearThrottleKey(q, keys.account);
}
