import type { FastifyInstance } from "fastify";
import type { Status } from "@zhenggai/core";
import { LIST_KINDS, type ListKind } from "../../services/list-export.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { auditFilterProperties, ledgerQuery } from "../schemas.ts";

/** The search box and Excel export of the lists on screen. */
export function registerViewRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    "/api/search",
    {
      schema: {
        tags: ["views"],
        summary: "搜索问题、整改措施和各类登记",
        querystring: { type: "object", required: ["q"], properties: { q: { type: "string", minLength: 1, maxLength: 100 }, limit: { type: "integer", minimum: 1, maximum: 50, default: 20 } } },
      },
    },
    async (request) => {
      const { q, limit } = request.query as { q: string; limit: number };
      return services.search.search(actorOf(request), q, limit);
    },
  );
  app.get(
    "/api/exports/lists/:kind",
    {
      schema: {
        tags: ["views"],
        summary: "把列表导出为 Excel（筛选条件与列表相同）",
        params: { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: [...LIST_KINDS] } } },
        querystring: {
          type: "object",
          properties: {
            // The list's own filters: those of the ledger lists, of the rounds list and of the audit log.
            ...ledgerQuery.properties,
            ...auditFilterProperties,
          },
        },
      },
    },
    async (request, reply) => {
      const kind = (request.params as { kind: ListKind }).kind;
      const query = request.query as {
        inspectionId?: number;
        orgId?: number;
        q?: string;
        status?: Status[];
        category?: string;
        departmentId?: number;
        leader?: string;
        overdue?: boolean;
        mine?: boolean;
        actor?: string;
        action?: string;
        entity?: string;
        from?: string;
        to?: string;
      };
      const file = await services.lists.exportList(actorOf(request), kind, {
        inspectionId: query.inspectionId,
        orgId: query.orgId,
        text: query.q,
        status: query.status,
        category: query.category,
        departmentId: query.departmentId,
        leader: query.leader,
        isOverdue: query.overdue,
        isMine: query.mine,
        audit: { actor: query.actor, action: query.action, entity: query.entity, from: query.from, to: query.to, withinOrgId: query.orgId },
      });
      reply.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      reply.header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return reply.send(Buffer.from(file.bytes));
    },
  );
}
