import type { FastifyInstance } from "fastify";
import type { LedgerFlag, Status } from "@zhenggai/core";
import type { FindingInput } from "../../services/finding.service.ts";
import type { InspectionInput } from "../../services/inspection.service.ts";
import type { MeasureInput } from "../../services/measure.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { idParams, ledgerQuery, nullableDate, nullableText, pageProperties, version, versionQuery } from "../schemas.ts";

const inspectionFields = {
  name: { type: "string", minLength: 1, maxLength: 200 },
  kind: { type: "string", enum: ["regular", "special", "follow_up"] },
  groupName: nullableText(100),
  level: nullableText(50),
  startDate: nullableDate,
  endDate: nullableDate,
  feedbackDate: nullableDate,
  feedbackDocNumbers: { type: "array", maxItems: 20, items: { type: "string", maxLength: 100 } },
} as const;

const findingFields = {
  number: { type: "string", maxLength: 50 },
  category: nullableText(300),
  title: { type: "string", minLength: 1, maxLength: 2000 },
  subPoints: { type: "array", maxItems: 50, items: { type: "string", maxLength: 2000 } },
  source: { type: "string", enum: ["feedback", "immediate", "petition", "lead", "previous_round", "audit"] },
  leadLeader: nullableText(100),
  leadDepartmentId: { type: ["integer", "null"], minimum: 1 },
  dueDate: nullableDate,
  progressText: nullableText(20000),
  planText: nullableText(20000),
} as const;

const measureFields = {
  text: { type: "string", minLength: 1, maxLength: 4000 },
  kind: { type: "string", enum: ["immediate", "deadline", "long_term"] },
  leaderName: nullableText(100),
  leaderUserId: { type: ["integer", "null"], minimum: 1 },
  departmentId: { type: ["integer", "null"], minimum: 1 },
  ownerName: nullableText(100),
  ownerUserId: { type: ["integer", "null"], minimum: 1 },
  dueDate: nullableDate,
  note: nullableText(2000),
} as const;

function bodyFor(fields: Record<string, unknown>, required: string[]) {
  return { type: "object", required, additionalProperties: false, properties: fields } as const;
}

interface LedgerQuery {
  page: number;
  pageSize: number;
  inspectionId?: number;
  status?: Status[];
  category?: string;
  departmentId?: number;
  leader?: string;
  overdue?: boolean;
  q?: string;
  mine?: boolean;
  flag?: LedgerFlag;
}

/** Inspections, findings and measures: the ledger itself. */
export function registerLedgerRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.get(
    "/api/inspections",
    { schema: { tags: ["ledger"], summary: "巡察轮次列表", querystring: { type: "object", properties: { ...pageProperties, orgId: { type: "integer", minimum: 1 }, q: { type: "string", maxLength: 200 } } } } },
    async (request) => {
      const query = request.query as { page: number; pageSize: number; orgId?: number; q?: string };
      return services.inspections.listInspections(actorOf(request), { ...query, text: query.q });
    },
  );
  app.get("/api/inspections/:id", { schema: { tags: ["ledger"], params: idParams } }, async (request) => services.inspections.getInspection(actorOf(request), idOf(request)));
  app.post(
    "/api/orgs/:id/inspections",
    { schema: { tags: ["ledger"], summary: "新建巡察轮次", params: idParams, body: bodyFor(inspectionFields, ["name"]) } },
    async (request, reply) => reply.status(201).send(await services.inspections.createInspection(actorOf(request), idOf(request), request.body as InspectionInput)),
  );
  app.patch(
    "/api/inspections/:id",
    { schema: { tags: ["ledger"], params: idParams, body: bodyFor({ ...inspectionFields, version }, ["version"]) } },
    async (request) => services.inspections.updateInspection(actorOf(request), idOf(request), request.body as InspectionInput & { version: number }),
  );
  app.delete("/api/inspections/:id", { schema: { tags: ["ledger"], params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await services.inspections.deleteInspection(actorOf(request), idOf(request), (request.query as { version: number }).version);
    return reply.status(204).send();
  });

  app.get("/api/findings", { schema: { tags: ["ledger"], summary: "问题清单（可筛选）", querystring: ledgerQuery } }, async (request) => {
    const { overdue, q, mine, ...rest } = request.query as LedgerQuery;
    void mine;
    return services.findings.listFindings(actorOf(request), { ...rest, isOverdue: overdue, text: q });
  });
  app.post(
    "/api/measures/bulk-assign",
    {
      schema: {
        tags: ["ledger"],
        summary: "批量指定责任部门、责任领导、责任人或完成时限",
        body: {
          type: "object",
          required: ["ids"],
          additionalProperties: false,
          properties: {
            ids: { type: "array", minItems: 1, maxItems: 500, items: { type: "integer", minimum: 1 } },
            departmentId: measureFields.departmentId,
            leaderName: measureFields.leaderName,
            leaderUserId: measureFields.leaderUserId,
            ownerName: measureFields.ownerName,
            ownerUserId: measureFields.ownerUserId,
            dueDate: measureFields.dueDate,
          },
        },
      },
    },
    async (request) => services.measures.bulkAssign(actorOf(request), request.body as { ids: number[] }),
  );
  app.get("/api/findings/:id", { schema: { tags: ["ledger"], params: idParams } }, async (request) => services.findings.getFinding(actorOf(request), idOf(request)));
  app.post(
    "/api/inspections/:id/findings",
    { schema: { tags: ["ledger"], summary: "新增反馈问题", params: idParams, body: bodyFor(findingFields, ["title"]) } },
    async (request, reply) => reply.status(201).send(await services.findings.createFinding(actorOf(request), idOf(request), request.body as FindingInput)),
  );
  app.patch(
    "/api/findings/:id",
    { schema: { tags: ["ledger"], params: idParams, body: bodyFor({ ...findingFields, version }, ["version"]) } },
    async (request) => services.findings.updateFinding(actorOf(request), idOf(request), request.body as FindingInput & { version: number }),
  );
  app.delete("/api/findings/:id", { schema: { tags: ["ledger"], params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await services.findings.deleteFinding(actorOf(request), idOf(request), (request.query as { version: number }).version);
    return reply.status(204).send();
  });

  app.get("/api/measures", { schema: { tags: ["ledger"], summary: "任务清单（可筛选，mine=我的）", querystring: ledgerQuery } }, async (request) => {
    const { overdue, q, mine, ...rest } = request.query as LedgerQuery;
    return services.measures.listMeasures(actorOf(request), { ...rest, isOverdue: overdue, isMine: mine, text: q });
  });
  app.get("/api/measures/:id", { schema: { tags: ["ledger"], params: idParams } }, async (request) => services.measures.getMeasure(actorOf(request), idOf(request)));
  app.post(
    "/api/findings/:id/measures",
    { schema: { tags: ["ledger"], summary: "新增整改措施", params: idParams, body: bodyFor(measureFields, ["text"]) } },
    async (request, reply) => reply.status(201).send(await services.measures.createMeasure(actorOf(request), idOf(request), request.body as MeasureInput)),
  );
  app.patch(
    "/api/measures/:id",
    { schema: { tags: ["ledger"], params: idParams, body: bodyFor({ ...measureFields, version }, ["version"]) } },
    async (request) => services.measures.updateMeasure(actorOf(request), idOf(request), request.body as MeasureInput & { version: number }),
  );
  app.delete("/api/measures/:id", { schema: { tags: ["ledger"], params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await services.measures.deleteMeasure(actorOf(request), idOf(request), (request.query as { version: number }).version);
    return reply.status(204).send();
  });
}
