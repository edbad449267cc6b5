import { DEFAULT_EMAIL_KINDS, isNotificationKind, type NotificationKind } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import {
  countUnread,
  findNotificationSettings,
  listNotifications,
  markNotificationsRead,
  upsertNotificationSettings,
  type NotificationRow,
} from "../repositories/notification.repository.ts";
import type { Page } from "../repositories/sql.ts";
import { AppError } from "../errors.ts";
import { AccessScope, type Actor } from "./access.ts";
import { runMutation } from "./transaction.ts";
import { ensure } from "./validation.ts";

/** A person's e-mail choices, and whether the installation can send e-mail at all. */
export interface NotificationSettingsView {
  email: string | null;
  emailKinds: NotificationKind[];
  isMailConfigured: boolean;
}

/** The notification centre (消息): each person reads and clears their own. */
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly mail: () => { isConfigured: boolean; description: string | null },
  ) {}

  /** Whether e-mail is configured and where it goes; administrators only (the admin page). */
  async mailStatus(actor: Actor): Promise<{ isConfigured: boolean; description: string | null }> {
    const scope = await AccessScope.load(this.db, actor);
    if (!scope.isAdminAnywhere()) throw new AppError("FORBIDDEN", "仅管理员可以查看邮件配置");
    return this.mail();
  }

  /** Lists the actor's notifications, newest first. */
  list(actor: Actor, filter: { isUnreadOnly?: boolean; page: number; pageSize: number }): Promise<Page<NotificationRow>> {
    return listNotifications(this.db, actor.userId, filter);
  }

  /** How many of the actor's notifications are unread (the bell). */
  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    return { unread: await countUnread(this.db, actor.userId) };
  }

  /** Marks some (or, with null, all) of the actor's notifications read. */
  async markRead(actor: Actor, ids: number[] | null): Promise<{ marked: number; unread: number }> {
    return runMutation(this.db, actor, async (tx, audit) => {
      const marked = await markNotificationsRead(tx, actor.userId, ids, this.now());
      if (marked.length) await audit({ action: "read", entity: "notification", entityId: ids?.length === 1 ? ids[0] : null, orgId: null, after: { ids: marked } });
      return { marked: marked.length, unread: await countUnread(tx, actor.userId) };
    });
  }

  /** Reads the actor's e-mail settings. */
  async getSettings(actor: Actor): Promise<NotificationSettingsView> {
    const row = await findNotificationSettings(this.db, actor.userId);
    return { email: row?.email ?? null, emailKinds: row?.emailKinds ?? [...DEFAULT_EMAIL_KINDS], isMailConfigured: this.mail().isConfigured };
  }

  /** Saves the actor's e-mail address and the kinds they want by e-mail. */
  async updateSettings(actor: Actor, input: { email: string | null; emailKinds: string[] }): Promise<NotificationSettingsView> {
    const email = input.email?.trim() || null;
    ensure(email === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email), "邮箱地址格式不正确");
    ensure(input.emailKinds.every(isNotificationKind), "包含未知的消息类型");
    const emailKinds = [...new Set(input.emailKinds)] as NotificationKind[];
    await runMutation(this.db, actor, async (tx, audit) => {
      await upsertNotificationSettings(tx, { userId: actor.userId, email, emailKinds });
      await audit({ action: "update", entity: "notification_settings", entityId: actor.userId, orgId: null, after: { email, emailKinds } });
    });
    return this.getSettings(actor);
  }
}
