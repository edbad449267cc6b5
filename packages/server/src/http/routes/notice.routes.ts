import type { FastifyInstance } from "fastify";
import { FIELD_LIMITS } from "@zhenggai/core";
import type { NoticeInput } from "../../services/notice.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { idParams, nullableDate, nullableText, pageProperties, version } from "../schemas.ts";

const stringList = (title: string) => ({ title, type: "array", maxItems: 20, items: { title, type: "string", maxLength: FIELD_LIMITS.notice.contact } }) as const;
const noticeFields = {
  title: { title: "标题", type: "string", minLength: 1, maxLength: FIELD_LIMITS.notice.title },
  texts: { title: "通报正文", type: "object", additionalProperties: { title: "通报正文", type: "string", maxLength: FIELD_LIMITS.notice.text } },
  contacts: {
    title: "联系方式",
    type: "object",
    required: ["phones", "emails", "postal"],
    additionalProperties: false,
    properties: { phones: stringList("联系电话"), emails: stringList("电子邮箱"), postal: stringList("通信地址") },
  },
  issuer: { title: "发文机关署名", ...nullableText(FIELD_LIMITS.notice.issuer) },
  noticeDate: { title: "成文日期", ...nullableDate },
  publicStart: { title: "公示开始日期", ...nullableDate },
  publicEnd: { title: "公示截止日期", ...nullableDate },
} as const;

/** Notices (通报), their approval and publication, and the public pages with comments. */
export function registerNoticeRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.get("/api/notices", { schema: { tags: ["notices"], querystring: { type: "object", properties: { ...pageProperties, inspectionId: { type: "integer", minimum: 1 } } } } }, async (request) =>
    services.notices.listNotices(actorOf(request), request.query as { page: number; pageSize: number }),
  );
  app.get("/api/notices/:id", { schema: { tags: ["notices"], params: idParams } }, async (request) => services.notices.getNotice(actorOf(request), idOf(request)));
  app.post(
    "/api/inspections/:id/notices",
    { schema: { tags: ["notices"], summary: "新建通报草稿", params: idParams, body: { type: "object", additionalProperties: false, properties: noticeFields } } },
    async (request, reply) => reply.status(201).send(await services.notices.createNotice(actorOf(request), idOf(request), request.body as NoticeInput)),
  );
  app.patch(
    "/api/notices/:id",
    { schema: { tags: ["notices"], params: idParams, body: { type: "object", required: ["version"], additionalProperties: false, properties: { ...noticeFields, version } } } },
    async (request) => services.notices.updateNotice(actorOf(request), idOf(request), request.body as NoticeInput & { version: number }),
  );
  app.post(
    "/api/notices/:id/transition",
    {
      schema: {
        tags: ["notices"],
        summary: "审核通过 / 发布 / 撤回 / 退回草稿",
        params: idParams,
        body: { type: "object", required: ["to", "version"], additionalProperties: false, properties: {
            to: { type: "string", enum: ["approved", "published", "withdrawn", "draft"] },
            version,
            figures: { type: "object", description: "审核人核对过的数据（来自 GET /api/notices/:id/check），与台账不一致则拒绝" },
          },
        },
      },
    },
    async (request) => services.notices.transitionNotice(actorOf(request), idOf(request), request.body as { to: "approved"; version: number; figures?: unknown }),
  );
  app.post(
    "/api/notices/:id/acknowledgements",
    {
      schema: {
        tags: ["notices"],
        summary: "逐条确认发布前检查的提醒（记录确认人和时间）；返回最新检查结果",
        params: idParams,
        body: {
          type: "object",
          required: ["key"],
          additionalProperties: false,
          properties: { key: { title: "提醒", type: "string", pattern: "^[0-9a-f]{64}$" }, note: { title: "确认说明", type: "string", maxLength: 500 } },
        },
      },
    },
    async (request, reply) => reply.status(201).send(await services.notices.acknowledgeWarning(actorOf(request), idOf(request), request.body as { key: string; note?: string })),
  );
  app.get("/api/notices/:id/comments", { schema: { tags: ["notices"], params: idParams } }, async (request) => ({ items: await services.notices.listComments(actorOf(request), idOf(request)) }));
  app.post(
    "/api/comments/:id/moderate",
    { schema: { tags: ["notices"], params: idParams, body: { type: "object", required: ["state", "version"], additionalProperties: false, properties: { state: { type: "string", enum: ["accepted", "rejected"] }, version } } } },
    async (request) => services.notices.moderateComment(actorOf(request), idOf(request), request.body as { state: "accepted"; version: number }),
  );

  app.get("/api/public/notices", { config: { isPublic: true }, schema: { tags: ["public"], summary: "已发布的通报", querystring: { type: "object", properties: pageProperties } } }, async (request) => {
    const { page, pageSize } = request.query as { page: number; pageSize: number };
    return services.notices.listPublished(page, pageSize);
  });
  app.get("/api/public/notices/:id", { config: { isPublic: true }, schema: { tags: ["public"], summary: "已发布通报的正文（发布时固定）", params: idParams } }, async (request) =>
    services.notices.getPublicView(idOf(request)),
  );
  app.post(
    "/api/public/notices/:id/comments",
    {
      config: { isPublic: true, rateLimit: { max: 5, timeWindow: "1 minute" } },
      schema: {
        tags: ["public"],
        summary: "公示期内提交意见",
        params: idParams,
        body: { type: "object", required: ["text"], additionalProperties: false, properties: { text: { type: "string", minLength: 1, maxLength: 5000 }, contact: { type: "string", maxLength: 200 } } },
      },
    },
    async (request, reply) => reply.status(201).send(await services.notices.addPublicComment(idOf(request), request.body as { text: string; contact?: string })),
  );
}
