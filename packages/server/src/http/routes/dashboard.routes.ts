import type { FastifyInstance } from "fastify";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { auditFilterProperties, idParams, pageProperties } from "../schemas.ts";

/** Dashboards, supervisors' roll-up, ledger snapshots, the audit trail and demo data. */
export function registerDashboardRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    "/api/dashboard",
    { schema: { tags: ["dashboard"], summary: "整改完成情况、红黄绿灯与分项统计", querystring: { type: "object", properties: { inspectionId: { type: "integer", minimum: 1 } } } } },
    async (request) => services.dashboard.getDashboard(actorOf(request), (request.query as { inspectionId?: number }).inspectionId),
  );
  app.get(
    "/api/dashboard/timeline",
    { schema: { tags: ["dashboard"], summary: "整改完成情况随时间变化（按周）", querystring: { type: "object", required: ["inspectionId"], properties: { inspectionId: { type: "integer", minimum: 1 } } } } },
    async (request) => ({ items: await services.dashboard.getTimeline(actorOf(request), (request.query as { inspectionId: number }).inspectionId) }),
  );
  app.get("/api/rollup", { schema: { tags: ["dashboard"], summary: "各单位整改情况汇总排名" } }, async (request) => ({ items: await services.dashboard.getRollup(actorOf(request)) }));
  app.get("/api/inspections/:id/snapshot", { schema: { tags: ["dashboard"], summary: "台账快照", params: idParams } }, async (request) =>
    services.dashboard.buildSnapshot(actorOf(request), (request.params as { id: number }).id),
  );
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["dashboard"],
        summary: "操作留痕（审计日志）：按操作人、操作、对象、日期、单位筛选",
        querystring: {
          type: "object",
          properties: { ...pageProperties, ...auditFilterProperties },
        },
      },
    },
    async (request) => {
      const { orgId, ...query } = request.query as { page: number; pageSize: number; entity?: string; entityId?: string; actor?: string; action?: string; from?: string; to?: string; orgId?: number };
      return services.dashboard.listAudit(actorOf(request), { ...query, withinOrgId: orgId });
    },
  );
  app.post("/api/demo", { schema: { tags: ["dashboard"], summary: "加载演示数据（管理员）" } }, async (request, reply) =>
    reply.status(201).send(await services.demo.loadDemo(actorOf(request))),
  );
}
