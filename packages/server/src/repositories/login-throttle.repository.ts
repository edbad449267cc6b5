import type { Queryable } from "../db/database.ts";

/** Counters of one throttle key. */
export interface ThrottleRow {
  key: string;
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

/** Reads the counters of the given keys (missing keys have none). */
export async function findThrottleRows(q: Queryable, keys: string[]): Promise<ThrottleRow[]> {
  return q.query<ThrottleRow>(
    `select key, failures, window_start as "windowStart", locked_until as "lockedUntil" from login_throttle where key = any($1::text[])`,
    [keys],
  );
}

/**
 * Counts one failure for a key in one statement (safe with concurrent processes): a window older
 * than `windowSeconds` starts again at one. Returns the failures in the current window.
 */
export async function countThrottleFailure(q: Queryable, key: string, now: Date, windowSeconds: number): Promise<{ failures: number; windowStart: string }> {
  const rows = await q.query<{ failures: number; windowStart: string }>(
    `insert into login_throttle as t (key, failures, window_start, updated_at) values ($1, 1, $2, $2)
     on conflict (key) do update set
       failures = case when t.window_start <= $2::timestamptz - make_interval(secs => $3) then 1 else t.failures + 1 end,
       window_start = case when t.window_start <= $2::timestamptz - make_interval(secs => $3) then $2 else t.window_start end,
       updated_at = $2
     returning failures, window_start as "windowStart"`,
    [key, now.toISOString(), windowSeconds],
  );
  return { failures: Number(rows[0].failures), windowStart: rows[0].windowStart };
}

/** Locks a key until the given instant. */
export async function lockThrottleKey(q: Queryable, key: string, until: Date): Promise<void> {
  await q.query("update login_throttle set locked_until = $2 where key = $1", [key, until.toISOString()]);
}

/** Forgets a key's failures (after a successful sign-in). */
export async function clearThrottleKey(q: Queryable, key: string): Promise<void> {
  await q.query("delete from login_throttle where key = $1", [key]);
}

/** Removes rows whose window and lock both ended before `before` (housekeeping). */
export async function deleteStaleThrottleRows(q: Queryable, before: Date): Promise<void> {
  await q.query("delete from login_throttle where window_start < $1 and (locked_until is null or locked_until < $1)", [before.toISOString()]);
}
