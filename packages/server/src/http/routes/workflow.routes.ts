import type { FastifyInstance } from "fastify";
import { EVIDENCE_CATEGORIES, FIELD_LIMITS, type EvidenceCategory, type Status } from "@zhenggai/core";
import { AppError } from "../../errors.ts";
import { contentDispositionFor, contentSecurityPolicyFor } from "../../files/content-sniffing.ts";
import type { Services } from "../../services/index.ts";
import type { EvidenceEdit, ProgressEdit } from "../../services/measure-records.service.ts";
import { actorOf } from "../app.ts";
import { date, idParams, nullableDate, status, version, voidBody } from "../schemas.ts";

const progressText = { title: "进展情况", type: "string", minLength: 1, maxLength: FIELD_LIMITS.progress.text } as const;

/** Status changes, progress, evidence, closure sign-off and 回头看 reviews. */
export function registerWorkflowRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.post(
    "/api/measures/:id/status",
    {
      schema: {
        tags: ["workflow"],
        summary: "变更措施状态（推进中/阶段性完成/未完成）；销号须走签字确认",
        params: idParams,
        body: { type: "object", required: ["status", "version"], additionalProperties: false, properties: { status, version, reason: { type: "string", maxLength: 1000 } } },
      },
    },
    async (request) => services.measures.changeStatus(actorOf(request), idOf(request), request.body as { status: Status; version: number; reason?: string }),
  );
  app.post(
    "/api/measures/:id/progress",
    {
      schema: {
        tags: ["workflow"],
        summary: "报送整改进展",
        params: idParams,
        body: {
          type: "object",
          required: ["text"],
          additionalProperties: false,
          properties: { text: progressText, reportDate: { title: "进展日期", ...date }, figures: { type: "object", additionalProperties: { type: "number" } } },
        },
      },
    },
    async (request, reply) => reply.status(201).send(await services.measures.addProgress(actorOf(request), idOf(request), request.body as { text: string })),
  );
  app.post("/api/measures/:id/evidence", { schema: { tags: ["workflow"], summary: "上传佐证材料（multipart：可选字段 effectiveDate、description、category 须在 file 之前发送）", params: idParams } }, async (request, reply) => {
    if (!request.isMultipart()) throw new AppError("VALIDATION_FAILED", "请以 multipart/form-data 上传文件");
    const part = await request.file();
    if (!part) throw new AppError("VALIDATION_FAILED", "请选择要上传的文件");
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppError("PAYLOAD_TOO_LARGE", "文件超过大小上限");
    const field = (name: string): string | undefined => {
      const value = part.fields[name] as { value?: unknown } | undefined;
      return typeof value?.value === "string" && value.value !== "" ? value.value : undefined;
    };
    const evidence = await services.measures.addEvidence(actorOf(request), idOf(request), {
      fileName: part.filename,
      mimeType: part.mimetype,
      bytes,
      effectiveDate: field("effectiveDate") ?? null,
      description: field("description") ?? null,
      category: field("category") as EvidenceCategory | undefined,
    });
    return reply.status(201).send(evidence);
  });
  app.patch(
    "/api/evidence/:id",
    {
      schema: {
        tags: ["workflow"],
        summary: "修改佐证材料的说明、类别或日期（措施未销号时）",
        params: idParams,
        body: {
          type: "object",
          required: ["version"],
          additionalProperties: false,
          properties: {
            version,
            description: { title: "材料说明", type: ["string", "null"], maxLength: FIELD_LIMITS.evidence.description },
            category: { title: "材料类别", type: "string", enum: [...EVIDENCE_CATEGORIES] },
            effectiveDate: { title: "材料日期", ...nullableDate },
          },
        },
      },
    },
    async (request) => services.measureRecords.updateEvidence(actorOf(request), idOf(request), request.body as EvidenceEdit),
  );
  app.post("/api/evidence/:id/void", { schema: { tags: ["workflow"], summary: "作废佐证材料（文件保留，划线显示）", params: idParams, body: voidBody } }, async (request) =>
    services.measureRecords.voidEvidence(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );
  app.patch(
    "/api/progress/:id",
    {
      schema: {
        tags: ["workflow"],
        summary: "修改整改进展（措施未销号时）",
        params: idParams,
        body: { type: "object", required: ["version"], additionalProperties: false, properties: { version, text: progressText, reportDate: { title: "进展日期", ...date } } },
      },
    },
    async (request) => services.measureRecords.updateProgress(actorOf(request), idOf(request), request.body as ProgressEdit),
  );
  app.post("/api/progress/:id/void", { schema: { tags: ["workflow"], summary: "作废整改进展（保留原记录）", params: idParams, body: voidBody } }, async (request) =>
    services.measureRecords.voidProgress(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );
  app.post(
    "/api/progress/:id/corrections",
    {
      schema: {
        tags: ["workflow"],
        summary: "更正已签字确认的整改进展：新增一条指向原记录的更正",
        params: idParams,
        body: { type: "object", required: ["text", "reportDate"], additionalProperties: false, properties: { text: progressText, reportDate: { title: "进展日期", ...date } } },
      },
    },
    async (request, reply) => reply.status(201).send(await services.measureRecords.correctProgress(actorOf(request), idOf(request), request.body as { text: string; reportDate: string })),
  );
  app.get("/api/evidence/:id/file", { schema: { tags: ["workflow"], summary: "下载佐证材料", params: idParams } }, async (request, reply) => {
    const { evidence, bytes } = await services.measures.readEvidence(actorOf(request), idOf(request));
    reply.header("content-type", evidence.mimeType);
    reply.header("content-disposition", contentDispositionFor(evidence.mimeType, evidence.fileName));
    reply.header("content-security-policy", contentSecurityPolicyFor(evidence.mimeType));
    reply.header("x-content-sha256", evidence.sha256);
    return reply.send(bytes);
  });

  app.post(
    "/api/measures/:id/closures",
    {
      schema: {
        tags: ["workflow"],
        summary: "提交销号申请",
        params: idParams,
        body: {
          type: "object",
          required: ["targetStatus"],
          additionalProperties: false,
          properties: { targetStatus: { type: "string", enum: ["completed", "completed_long_term"] }, note: { type: "string", maxLength: 2000 } },
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.closures.submitClosure(actorOf(request), idOf(request), request.body as { targetStatus: "completed" | "completed_long_term" })),
  );
  app.get("/api/closures/pending", { schema: { tags: ["workflow"], summary: "待签字确认的销号申请" } }, async (request) => ({ items: await services.closures.listPending(actorOf(request)) }));
  app.post(
    "/api/closures/:id/decision",
    {
      schema: {
        tags: ["workflow"],
        summary: "签字确认或退回，附审核意见（opinion；旧字段 reason 同义）",
        params: idParams,
        body: {
          type: "object",
          required: ["decision"],
          additionalProperties: false,
          properties: {
            decision: { type: "string", enum: ["approved", "returned"] },
            opinion: { type: "string", maxLength: 2000 },
            reason: { type: "string", maxLength: 2000 },
          },
        },
      },
    },
    async (request) => {
      const body = request.body as { decision: "approved" | "returned"; opinion?: string; reason?: string };
      return services.closures.decideClosure(actorOf(request), idOf(request), { decision: body.decision, reason: body.opinion ?? body.reason });
    },
  );
  app.post("/api/closures/:id/withdraw", { schema: { tags: ["workflow"], params: idParams } }, async (request) => {
    await services.closures.withdrawClosure(actorOf(request), idOf(request));
    return { ok: true };
  });
  app.post(
    "/api/measures/:id/reviews",
    {
      schema: {
        tags: ["workflow"],
        summary: "回头看：自查（整改办）或督查（巡察办、纪检监察）；反弹则重新打开并确定新的完成时限",
        params: idParams,
        body: {
          type: "object",
          required: ["outcome"],
          additionalProperties: false,
          properties: {
            outcome: { type: "string", enum: ["confirmed", "rebound"] },
            kind: { type: "string", enum: ["self", "supervision"] },
            note: { type: "string", maxLength: 4000 },
            reviewDate: date,
            newDueDate: date,
          },
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.closures.addReview(actorOf(request), idOf(request), request.body as { outcome: "confirmed" | "rebound"; kind?: "self" | "supervision" })),
  );
}
