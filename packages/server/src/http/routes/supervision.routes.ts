import type { FastifyInstance } from "fastify";
import type { Services } from "../../services/index.ts";
import type { DirectiveInput } from "../../services/directive.service.ts";
import type { InterviewInput } from "../../services/interview.service.ts";
import { actorOf } from "../app.ts";
import { date, idParams, nullableText, pageProperties, version, voidBody } from "../schemas.ts";
import { readUpload } from "./transfer.routes.ts";

const optionalId = { type: ["integer", "null"], minimum: 1 } as const;
const directiveTarget = { measureId: optionalId, findingId: optionalId, inspectionId: optionalId, orgId: optionalId } as const;
const directiveText = { text: { type: "string", minLength: 1, maxLength: 4000 }, replyDue: date } as const;
const interviewProperties = {
  orgId: { type: "integer", minimum: 1 },
  inspectionId: optionalId,
  interviewer: { type: "string", minLength: 1, maxLength: 200 },
  interviewee: { type: "string", minLength: 1, maxLength: 200 },
  heldOn: date,
  location: nullableText(200),
  subject: { type: "string", minLength: 1, maxLength: 2000 },
  findingIds: { type: "array", maxItems: 200, items: { type: "integer", minimum: 1 } },
  measureIds: { type: "array", maxItems: 200, items: { type: "integer", minimum: 1 } },
  directiveId: optionalId,
  outcome: nullableText(4000),
} as const;
const interviewRequired = ["orgId", "interviewer", "interviewee", "heldOn", "subject"];

/** 督办 directives (issue, reply with evidence, close; their register) and 约谈 records. */
export function registerSupervisionRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.get(
    "/api/directives",
    {
      schema: {
        tags: ["supervision"],
        summary: "督办台账",
        querystring: {
          type: "object",
          properties: {
            ...pageProperties,
            orgId: { type: "integer", minimum: 1 },
            inspectionId: { type: "integer", minimum: 1 },
            findingId: { type: "integer", minimum: 1 },
            measureId: { type: "integer", minimum: 1 },
            state: { type: "string", enum: ["open", "replied", "closed"] },
            overdue: { type: "boolean" },
            includeVoided: { type: "boolean" },
          },
        },
      },
    },
    async (request) => {
      const { overdue, ...query } = request.query as { overdue?: boolean; page: number; pageSize: number };
      return services.directives.list(actorOf(request), { ...query, isOverdue: overdue });
    },
  );
  app.post(
    "/api/directives",
    { schema: { tags: ["supervision"], summary: "下发督办单（对单位、问题或整改措施）", body: { type: "object", required: ["text", "replyDue"], additionalProperties: false, properties: { ...directiveText, ...directiveTarget } } } },
    async (request, reply) => reply.status(201).send(await services.directives.issue(actorOf(request), request.body as DirectiveInput)),
  );
  app.post(
    "/api/inspections/:id/directives",
    {
      schema: {
        tags: ["supervision"],
        summary: "对本轮巡察下发督办单",
        params: idParams,
        body: { type: "object", required: ["text", "replyDue"], additionalProperties: false, properties: { ...directiveText, findingId: optionalId, measureId: optionalId } },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.directives.issue(actorOf(request), { ...(request.body as DirectiveInput), inspectionId: idOf(request) })),
  );
  app.get("/api/directives/:id", { schema: { tags: ["supervision"], summary: "督办单详情", params: idParams } }, async (request) =>
    services.directives.get(actorOf(request), idOf(request)),
  );
  app.post(
    "/api/directives/:id/reply",
    {
      schema: {
        tags: ["supervision"],
        summary: "回复督办单",
        params: idParams,
        body: { type: "object", required: ["replyText", "version"], additionalProperties: false, properties: { replyText: { type: "string", minLength: 1, maxLength: 10000 }, version } },
      },
    },
    async (request) => services.directives.reply(actorOf(request), idOf(request), request.body as { replyText: string; version: number }),
  );
  app.post(
    "/api/directives/:id/files",
    { schema: { tags: ["supervision"], summary: "上传督办回复的佐证材料（multipart：file）", consumes: ["multipart/form-data"], params: idParams } },
    async (request, reply) => {
      const upload = await readUpload(request);
      return reply.status(201).send(await services.directives.addFile(actorOf(request), idOf(request), { fileName: upload.fileName, bytes: upload.bytes }));
    },
  );
  app.get("/api/directive-files/:id", { schema: { tags: ["supervision"], summary: "下载督办材料", params: idParams } }, async (request, reply) => {
    const { file, bytes } = await services.directives.readFile(actorOf(request), idOf(request));
    reply.header("content-type", file.mimeType);
    reply.header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    reply.header("x-content-sha256", file.sha256);
    return reply.send(bytes);
  });
  app.post(
    "/api/directives/:id/close",
    {
      schema: {
        tags: ["supervision"],
        summary: "办结督办单",
        params: idParams,
        body: { type: "object", required: ["version"], additionalProperties: false, properties: { note: { type: "string", maxLength: 2000 }, version } },
      },
    },
    async (request) => services.directives.close(actorOf(request), idOf(request), request.body as { note?: string; version: number }),
  );
  app.post("/api/directives/:id/void", { schema: { tags: ["supervision"], summary: "作废督办单（保留原记录，不再提醒和计数）", params: idParams, body: voidBody } }, async (request) =>
    services.directives.voidDirective(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );

  app.get(
    "/api/interviews",
    {
      schema: {
        tags: ["supervision"],
        summary: "约谈台账",
        querystring: {
          type: "object",
          properties: { ...pageProperties, orgId: { type: "integer", minimum: 1 }, inspectionId: { type: "integer", minimum: 1 }, includeVoided: { type: "boolean" } },
        },
      },
    },
    async (request) => services.interviews.list(actorOf(request), request.query as { page: number; pageSize: number }),
  );
  app.post(
    "/api/interviews",
    { schema: { tags: ["supervision"], summary: "登记约谈", body: { type: "object", required: interviewRequired, additionalProperties: false, properties: interviewProperties } } },
    async (request, reply) => reply.status(201).send(await services.interviews.create(actorOf(request), request.body as InterviewInput)),
  );
  app.patch(
    "/api/interviews/:id",
    {
      schema: {
        tags: ["supervision"],
        summary: "修改约谈记录",
        params: idParams,
        body: { type: "object", required: [...interviewRequired, "version"], additionalProperties: false, properties: { ...interviewProperties, version } },
      },
    },
    async (request) => services.interviews.update(actorOf(request), idOf(request), request.body as InterviewInput & { version: number }),
  );
  app.post("/api/interviews/:id/void", { schema: { tags: ["supervision"], summary: "作废约谈记录（保留原记录，不再计数）", params: idParams, body: voidBody } }, async (request) =>
    services.interviews.voidInterview(actorOf(request), idOf(request), request.body as { version: number; reason: string }),
  );
}
