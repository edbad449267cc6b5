import type { NotificationKind } from "@zhenggai/core";
import type { Queryable } from "../db/database.ts";
import { camelizeRow, selectPage, WhereBuilder, type Page } from "./sql.ts";

/** What one notification says, before it is addressed to people. */
export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  entity: string | null;
  entityId: number | null;
  orgId: number | null;
  eventId?: number | null;
}

/** A notification as stored. */
export interface NotificationRow extends NotificationDraft {
  id: number;
  userId: number;
  emailState: "pending" | "sending" | "sent" | "failed" | "skipped" | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * Inserts one notification per active user; e-mail is queued ('pending') for users who gave an address
 * and chose this kind. Returns the ids of the users notified.
 */
export async function insertNotifications(q: Queryable, userIds: readonly number[], draft: NotificationDraft): Promise<number[]> {
  if (!userIds.length) return [];
  const rows = await q.query<{ userId: number }>(
    `insert into notifications (user_id, kind, title, body, link, entity, entity_id, org_id, event_id, email_state)
     select u.id, $2, $3, $4, $5, $6, $7, $8, $9,
            case when s.email is not null and s.email_kinds ? $2 then 'pending' else null end
       from users u left join notification_settings s on s.user_id = u.id
      where u.id = any($1::bigint[]) and u.is_active
      order by u.id
     returning user_id as "userId"`,
    [[...new Set(userIds)], draft.kind, draft.title.slice(0, 200), draft.body, draft.link, draft.entity, draft.entityId, draft.orgId, draft.eventId ?? null],
  );
  return rows.map((r) => r.userId);
}

/** Lists one user's notifications, newest first. */
export function listNotifications(q: Queryable, userId: number, filter: { isUnreadOnly?: boolean; page: number; pageSize: number }): Promise<Page<NotificationRow>> {
  const where = new WhereBuilder();
  where.add(`user_id = ${where.param(userId)}`);
  if (filter.isUnreadOnly) where.add("read_at is null");
  return selectPage<NotificationRow>(q, {
    columns: "id, user_id, kind, title, body, link, entity, entity_id, org_id, event_id, email_state, created_at, read_at",
    from: "notifications",
    where,
    orderBy: "id desc",
    page: filter.page,
    pageSize: filter.pageSize,
  });
}

/** Counts a user's unread notifications. */
export async function countUnread(q: Queryable, userId: number): Promise<number> {
  const rows = await q.query<{ n: number }>("select count(*) as n from notifications where user_id = $1 and read_at is null", [userId]);
  return Number(rows[0].n);
}

/** Marks a user's notifications read (all, or the given ids); returns the ids changed. */
export async function markNotificationsRead(q: Queryable, userId: number, ids: readonly number[] | null, at: Date): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `update notifications set read_at = $3 where user_id = $1 and read_at is null and ($2::bigint[] is null or id = any($2::bigint[])) returning id`,
    [userId, ids, at.toISOString()],
  );
  return rows.map((r) => r.id);
}

/** A person's e-mail settings. */
export interface NotificationSettingsRow {
  userId: number;
  email: string | null;
  emailKinds: NotificationKind[];
}

/** Reads a person's e-mail settings (null when never saved). */
export async function findNotificationSettings(q: Queryable, userId: number): Promise<NotificationSettingsRow | null> {
  const rows = await q.query("select user_id, email, email_kinds from notification_settings where user_id = $1", [userId]);
  return rows.length ? camelizeRow<NotificationSettingsRow>(rows[0]) : null;
}

/** Saves a person's e-mail settings. */
export async function upsertNotificationSettings(q: Queryable, settings: NotificationSettingsRow): Promise<void> {
  await q.query(
    `insert into notification_settings (user_id, email, email_kinds) values ($1, $2, $3::jsonb)
     on conflict (user_id) do update set email = excluded.email, email_kinds = excluded.email_kinds, updated_at = now()`,
    [settings.userId, settings.email, JSON.stringify(settings.emailKinds)],
  );
}

/** One e-mail claimed for sending. */
export interface ClaimedMail {
  id: number;
  title: string;
  body: string;
  link: string | null;
  email: string | null;
  displayName: string;
  attempts: number;
}

/**
 * Claims up to `limit` pending e-mails with a lease (SKIP LOCKED: two processes never claim the same
 * row; a row whose lease ran out because its process died is claimed again). Rows older than
 * `maxAgeHours` are skipped instead: mail switched on later does not send last month's reminders.
 */
export async function claimPendingMail(q: Queryable, options: { limit: number; leaseSeconds: number; maxAgeHours: number }): Promise<ClaimedMail[]> {
  await q.query(
    `update notifications set email_state = 'skipped'
      where email_state = 'pending' and created_at < now() - make_interval(hours => $1)`,
    [options.maxAgeHours],
  );
  const rows = await q.query(
    `with picked as (
       select id from notifications
        where email_state = 'pending' or (email_state = 'sending' and email_claimed_until < now())
        order by id limit $1 for update skip locked)
     update notifications n
        set email_state = 'sending', email_claimed_until = now() + make_interval(secs => $2), email_attempts = n.email_attempts + 1
       from picked
      where n.id = picked.id
     returning n.id, n.title, n.body, n.link, n.email_attempts as attempts,
               (select s.email from notification_settings s where s.user_id = n.user_id) as email,
               (select u.display_name from users u where u.id = n.user_id) as display_name`,
    [options.limit, options.leaseSeconds],
  );
  return rows.map((r) => camelizeRow<ClaimedMail>(r));
}

/** Records the outcome of one sending attempt. */
export async function finishMail(q: Queryable, id: number, outcome: { state: "sent" | "pending" | "failed" | "skipped"; error?: string | null }): Promise<void> {
  await q.query(
    `update notifications set email_state = $2, email_error = $3, email_claimed_until = null,
            emailed_at = case when $2 = 'sent' then now() else emailed_at end
      where id = $1`,
    [id, outcome.state, outcome.error?.slice(0, 1000) ?? null],
  );
}
