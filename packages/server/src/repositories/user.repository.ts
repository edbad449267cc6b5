import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** A user as stored (the hash never leaves the server). */
export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string | null;
  isActive: boolean;
  /** Set by an administrator's reset: the temporary password must be replaced at the next login. */
  mustChangePassword: boolean;
  passwordChangedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Finds a user by login name. */
export async function findUserByUsername(q: Queryable, username: string): Promise<UserRow | null> {
  const rows = await q.query("select * from users where username = $1", [username]);
  return rows.length ? camelizeRow<UserRow>(rows[0]) : null;
}

/** Counts users. */
export async function countUsers(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from users");
  return Number(rows[0].n);
}

/** Lists users who hold any role inside the given orgs. */
export async function listUsersInOrgs(q: Queryable, orgIds: number[]): Promise<UserRow[]> {
  const rows = await q.query(
    `select distinct u.* from users u join user_roles r on r.user_id = u.id where r.org_id = any($1::bigint[]) order by u.id`,
    [orgIds],
  );
  return rows.map((r) => camelizeRow<UserRow>(r));
}

/**
 * Replaces a user's password hash; `mustChange` marks a temporary password (an administrator's
 * reset) that the user has to replace at the next login.
 */
export async function writePassword(q: Queryable, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await q.query(
    `update users set password_hash = $2, must_change_password = $3, password_changed_at = now(), version = version + 1, updated_at = now()
      where id = $1`,
    [userId, passwordHash, mustChange],
  );
}

/** A stored session with its user. */
export interface SessionWithUser {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  userId: number;
  username: string;
  displayName: string;
  isActive: boolean;
  mustChangePassword: boolean;
}

/** Creates a session row. */
export async function insertSession(
  q: Queryable,
  session: { id: string; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await q.query("insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)", [
    session.id,
    session.userId,
    session.csrfToken,
    session.expiresAt.toISOString(),
  ]);
}

/** Finds a live session and its user. */
export async function findSession(q: Queryable, id: string, now: Date): Promise<SessionWithUser | null> {
  const rows = await q.query(
    `select s.id as session_id, s.csrf_token, s.expires_at, u.id as user_id, u.username, u.display_name, u.is_active, u.must_change_password
       from sessions s join users u on u.id = s.user_id where s.id = $1 and s.expires_at > $2`,
    [id, now.toISOString()],
  );
  return rows.length ? camelizeRow<SessionWithUser>(rows[0]) : null;
}

/** Slides a session's expiry forward. */
export async function touchSession(q: Queryable, id: string, expiresAt: Date): Promise<void> {
  await q.query("update sessions set expires_at = $2, last_seen_at = now() where id = $1", [id, expiresAt.toISOString()]);
}

/** Deletes a session (logout) or all sessions of a user. */
export async function deleteSessions(q: Queryable, where: { id?: string; userId?: number }): Promise<void> {
  if (where.id) await q.query("delete from sessions where id = $1", [where.id]);
  if (where.userId) await q.query("delete from sessions where user_id = $1", [where.userId]);
}

/** Deletes expired sessions. */
export async function deleteExpiredSessions(q: Queryable, now: Date): Promise<void> {
  await q.query("delete from sessions where expires_at <= $1", [now.toISOString()]);
}

/** Reads one app setting. */
export async function readSetting<T>(q: Queryable, key: string): Promise<T | null> {
  const rows = await q.query<{ value: T }>("select value from app_settings where key = $1", [key]);
  return rows.length ? rows[0].value : null;
}

/** Writes one app setting. */
export async function writeSetting(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query(
    `insert into app_settings (key, value) values ($1, $2::jsonb)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

/** Deletes one app setting. */
export async function deleteSetting(q: Queryable, key: string): Promise<void> {
  await q.query("delete from app_settings where key = $1", [key]);
}
