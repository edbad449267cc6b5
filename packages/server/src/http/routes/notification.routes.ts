import type { FastifyInstance } from "fastify";
import { NOTIFICATION_KINDS } from "@zhenggai/core";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { pageProperties } from "../schemas.ts";

/** The notification centre: each person's own messages, unread count, read marks and e-mail choices. */
export function registerNotificationRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    "/api/notifications",
    { schema: { tags: ["notifications"], summary: "我的消息（新的在前）", querystring: { type: "object", properties: { ...pageProperties, unread: { type: "boolean" } } } } },
    async (request) => {
      const query = request.query as { page: number; pageSize: number; unread?: boolean };
      return services.notifications.list(actorOf(request), { isUnreadOnly: query.unread, page: query.page, pageSize: query.pageSize });
    },
  );
  app.get("/api/notifications/unread-count", { schema: { tags: ["notifications"], summary: "未读消息数（铃铛）" } }, async (request) =>
    services.notifications.unreadCount(actorOf(request)),
  );
  app.post(
    "/api/notifications/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "标记已读（不传 ids 则全部标记）",
        body: { type: "object", additionalProperties: false, properties: { ids: { type: "array", maxItems: 500, items: { type: "integer", minimum: 1 } } } },
      },
    },
    async (request) => services.notifications.markRead(actorOf(request), (request.body as { ids?: number[] } | undefined)?.ids ?? null),
  );
  app.get("/api/notifications/settings", { schema: { tags: ["notifications"], summary: "我的邮件提醒设置" } }, async (request) => services.notifications.getSettings(actorOf(request)));
  app.put(
    "/api/notifications/settings",
    {
      schema: {
        tags: ["notifications"],
        summary: "设置邮箱和接收哪些邮件提醒",
        body: {
          type: "object",
          required: ["email", "emailKinds"],
          additionalProperties: false,
          properties: { email: { type: ["string", "null"], maxLength: 200 }, emailKinds: { type: "array", maxItems: 50, items: { type: "string", enum: [...NOTIFICATION_KINDS] } } },
        },
      },
    },
    async (request) => services.notifications.updateSettings(actorOf(request), request.body as { email: string | null; emailKinds: string[] }),
  );
  app.get("/api/system/mail", { schema: { tags: ["notifications"], summary: "邮件发送配置状态（管理员）" } }, async (request) =>
    services.notifications.mailStatus(actorOf(request)),
  );
}
