import type { FastifyInstance } from "fastify";
import type { Services } from "../../services/index.ts";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../../exports/index.ts";
import { actorOf } from "../app.ts";
import { idParams, version } from "../schemas.ts";

/** 周汇报: list, supervisors' sent / not-sent view, generate, edit, send, export. */
export function registerWeeklyReportRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.get("/api/weekly-reports", { schema: { tags: ["weekly-reports"], summary: "周汇报列表" } }, async (request) => ({ items: await services.weeklyReports.list(actorOf(request)) }));
  app.get("/api/weekly-reports/status", { schema: { tags: ["weekly-reports"], summary: "本期各单位周汇报报送情况" } }, async (request) => services.weeklyReports.status(actorOf(request)));
  app.post("/api/orgs/:id/weekly-reports", { schema: { tags: ["weekly-reports"], summary: "生成（或打开）本单位最近一期周汇报", params: idParams } }, async (request, reply) =>
    reply.status(201).send(await services.weeklyReports.generateNow(actorOf(request), idOf(request))),
  );
  app.get("/api/weekly-reports/:id", { schema: { tags: ["weekly-reports"], summary: "周汇报内容", params: idParams } }, async (request) =>
    services.weeklyReports.get(actorOf(request), idOf(request)),
  );
  app.patch(
    "/api/weekly-reports/:id",
    {
      schema: {
        tags: ["weekly-reports"],
        summary: "修改周汇报（总体情况补充、下一步工作）",
        params: idParams,
        body: {
          type: "object",
          required: ["summary", "nextSteps", "version"],
          additionalProperties: false,
          properties: { summary: { type: "string", maxLength: 10000 }, nextSteps: { type: "string", maxLength: 10000 }, version },
        },
      },
    },
    async (request) => services.weeklyReports.update(actorOf(request), idOf(request), request.body as { summary: string; nextSteps: string; version: number }),
  );
  app.post(
    "/api/weekly-reports/:id/send",
    { schema: { tags: ["weekly-reports"], summary: "报送周汇报", params: idParams, body: { type: "object", required: ["version"], additionalProperties: false, properties: { version } } } },
    async (request) => services.weeklyReports.send(actorOf(request), idOf(request), (request.body as { version: number }).version),
  );
  app.get(
    "/api/weekly-reports/:id/export",
    {
      schema: {
        tags: ["weekly-reports"],
        summary: "导出周汇报（docx/pdf/html/md/txt）",
        params: idParams,
        querystring: { type: "object", properties: { format: { type: "string", enum: [...DOCUMENT_FORMATS], default: "docx" } } },
      },
    },
    async (request, reply) => {
      const file = await services.weeklyReports.render(actorOf(request), idOf(request), (request.query as { format: DocumentFormat }).format);
      reply.header("content-type", file.mimeType);
      reply.header("content-disposition", `attachment; filename="weekly-report.${(request.query as { format: string }).format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return reply.send(Buffer.from(file.bytes));
    },
  );
}
