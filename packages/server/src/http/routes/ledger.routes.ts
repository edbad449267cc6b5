import type { FastifyInstance } from "fastify";
import { FIELD_LIMITS, type LedgerFlag, type Status } from "@zhenggai/core";
import type { FindingInput } from "../../services/finding.service.ts";
import type { InspectionInput } from "../../services/inspection.service.ts";
import type { MeasureInput } from "../../services/measure.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { idParams, ledgerQuery, nullableDate, nullableText, pageProperties, version, versionQuery, voidBody } from "../schemas.ts";

const L = FIELD_LIMITS;

const inspectionFields = {
  name: { title: "轮次名称", type: "string", minLength: 1, maxLength: L.inspection.name },
  kind: { title: "类型", type: "string", enum: ["regular", "special", "follow_up"] },
  groupName: { title: "巡察组", ...nullableText(L.inspection.groupName) },
  level: { title: "巡察层级", ...nullableText(L.inspection.level) },
  startDate: { title: "巡察开始日期", ...nullableDate },
  endDate: { title: "巡察结束日期", ...nullableDate },
  feedbackDate: { title: "反馈日期", ...nullableDate },
  feedbackDocNumbers: { title: "反馈文号", type: "array", maxItems: 20, items: { title: "反馈文号", type: "string", maxLength: L.inspection.docNumber } },
} as const;

const findingFields = {
  number: { title: "序号", type: "string", maxLength: L.finding.number },
  category: { title: "问题方面", ...nullableText(L.finding.category) },
  title: { title: "问题", type: "string", minLength: 1, maxLength: L.finding.title },
  subPoints: { title: "具体表现", type: "array", maxItems: 50, items: { title: "具体表现", type: "string", maxLength: L.finding.subPoint } },
  source: { title: "问题来源", type: "string", enum: ["feedback", "immediate", "petition", "lead", "previous_round", "audit"] },
  leadLeader: { title: "牵头领导", ...nullableText(L.finding.leadLeader) },
  leadDepartmentId: { title: "牵头部门", type: ["integer", "null"], minimum: 1 },
  dueDate: { title: "完成时限", ...nullableDate },
  progressText: { title: "整改情况", ...nullableText(L.finding.progressText) },
  planText: { title: "整改计划", ...nullableText(L.finding.planText) },
} as const;

const measureFields = {
  text: { title: "整改措施", type: "string", minLength: 1, maxLength: L.measure.text },
  kind: { title: "措施类型", type: "string", enum: ["immediate", "deadline", "long_term"] },
  leaderName: { title: "责任领导", ...nullableText(L.measure.leaderName) },
  leaderUserId: { title: "责任领导", type: ["integer", "null"], minimum: 1 },
  departmentId: { title: "责任部门", type: ["integer", "null"], minimum: 1 },
  ownerName: { title: "责任人", ...nullableText(L.measure.ownerName) },
  ownerUserId: { title: "责任人", type: ["integer", "null"], minimum: 1 },
  dueDate: { title: "完成时限", ...nullableDate },
  note: { title: "备注", ...nullableText(L.measure.note) },
} as const;

const archiveBody = {
  type: "object",
  required: ["version"],
  additionalProperties: false,
  properties: { version, reason: { title: "原因", type: "string", maxLength: L.reason } },
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
  immediate?: boolean;
  includeVoided?: boolean;
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
  app.post("/api/inspections/:id/archive", { schema: { tags: ["ledger"], summary: "归档巡察轮次（此后只读）", params: idParams, body: archiveBody } }, async (request) =>
    services.inspections.archiveInspection(actorOf(request), idOf(request), request.body as { version: number; reason?: string }),
  );
  app.post("/api/inspections/:id/unarchive", { schema: { tags: ["ledger"], summary: "取消归档", params: idParams, body: voidBody } }, async (request) =>
    services.inspections.unarchiveInspection(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );

  app.get("/api/findings", { schema: { tags: ["ledger"], summary: "问题清单（可筛选）", querystring: ledgerQuery } }, async (request) => {
    const { overdue, q, mine, immediate, ...rest } = request.query as LedgerQuery;
    void mine;
    return services.findings.listFindings(actorOf(request), { ...rest, isOverdue: overdue, text: q, isImmediate: immediate });
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
  app.post("/api/findings/:id/void", { schema: { tags: ["ledger"], summary: "作废问题（保留原记录）", params: idParams, body: voidBody } }, async (request) =>
    services.findings.voidFinding(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );
  app.get("/api/findings/:id/history", { schema: { tags: ["ledger"], summary: "问题的变更记录", params: idParams } }, async (request) => ({
    items: await services.findings.getFindingHistory(actorOf(request), idOf(request)),
  }));

  app.get("/api/measures", { schema: { tags: ["ledger"], summary: "任务清单（可筛选，mine=我的）", querystring: ledgerQuery } }, async (request) => {
    const { overdue, q, mine, immediate, ...rest } = request.query as LedgerQuery;
    void immediate;
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
  app.post("/api/measures/:id/void", { schema: { tags: ["ledger"], summary: "作废整改措施（保留原记录）", params: idParams, body: voidBody } }, async (request) =>
    services.measureRecords.voidMeasure(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );
}
