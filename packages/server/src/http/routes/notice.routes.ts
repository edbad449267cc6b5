import type { FastifyInstance } from "fastify";
import type { NoticeInput } from "../../services/notice.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { idParams, nullableDate, nullableText, pageProperties, version } from "../schemas.ts";

const stringList = { type: "array", maxItems: 20, items: { type: "string", maxLength: 200 } } as const;
const noticeFields = {
  title: { type: "string", minLength: 1, maxLength: 300 },
  texts: { type: "object", additionalProperties: { type: "string", maxLength: 50000 } },
  contacts: { type: "object", required: ["phones", "emails", "postal"], additionalProperties: false, properties: { phones: stringList, emails: stringList, postal: stringList } },
  issuer: nullableText(200),
  noticeDate: nullableDate,
  publicStart: nullableDate,
  publicEnd: nullableDate,
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
