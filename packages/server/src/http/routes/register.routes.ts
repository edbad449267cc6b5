import type { FastifyInstance, FastifyReply } from "fastify";
import { REGISTERS, type RegisterField, type RegisterFilter } from "../../services/register.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { date, idParams, pageProperties, version, versionQuery, voidBody } from "../schemas.ts";

function schemaOf(field: RegisterField): Record<string, unknown> {
  const nullable = field.isRequired ? [] : ["null"];
  const title = field.label;
  switch (field.type) {
    case "text":
      return { title, type: ["string", ...nullable], maxLength: field.maxLength ?? 2000 };
    case "choice":
      return { title, type: ["string", ...nullable], enum: [...(field.choices ?? []).map((c) => c.value), ...(field.isRequired ? [] : [null])] };
    case "date":
      return { title, type: ["string", ...nullable], pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
    case "integer":
    case "money":
      return { title, type: ["integer", ...nullable], minimum: field.min ?? 0, ...(field.max === undefined ? {} : { maximum: field.max }) };
    case "finding":
      return { title, type: ["integer", ...nullable], minimum: 1 };
    case "findings":
      return { title, type: "array", maxItems: 200, items: { type: "integer", minimum: 1 } };
  }
}

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sends an Excel workbook as a download named in Chinese. */
export function sendWorkbook(reply: FastifyReply, file: { fileName: string; bytes: Uint8Array }): FastifyReply {
  reply.header("content-type", XLSX_MIME);
  reply.header("content-disposition", `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  return reply.send(Buffer.from(file.bytes));
}

const listQuery = {
  type: "object",
  properties: {
    ...pageProperties,
    inspectionId: { type: "integer", minimum: 1 },
    orgId: { type: "integer", minimum: 1 },
    findingId: { type: "integer", minimum: 1 },
    q: { type: "string", maxLength: 200 },
    kind: { type: "string", maxLength: 50 },
    state: { type: "string", maxLength: 50 },
    dateFrom: date,
    dateTo: date,
    includeVoided: { type: "boolean" },
  },
} as const;

const inspectionQuery = { type: "object", required: ["inspectionId"], properties: { inspectionId: { type: "integer", minimum: 1 } } } as const;

/**
 * Every outcome register (rules, accountability, recoveries, petitions, leads): list with totals,
 * create, edit, void, history, Excel. Directives and 约谈 have their own routes (supervision.routes.ts).
 */
export function registerRegisterRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;
  for (const spec of REGISTERS) {
    const properties = Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, schemaOf(f)]));
    const required = Object.entries(spec.fields).filter(([, f]) => f.isRequired && f.defaultValue === undefined).map(([k]) => k);
    app.get(`/api/${spec.name}`, { schema: { tags: ["registers"], summary: `${spec.label}列表（含合计）`, querystring: listQuery } }, async (request) => {
      const { q, ...filter } = request.query as RegisterFilter & { q?: string };
      return services.registers.list(actorOf(request), spec, { ...filter, text: q });
    });
    app.get(`/api/${spec.name}/export`, { schema: { tags: ["registers"], summary: `导出${spec.label}（Excel）`, querystring: inspectionQuery } }, async (request, reply) =>
      sendWorkbook(reply, await services.registers.exportWorkbook(actorOf(request), spec, (request.query as { inspectionId: number }).inspectionId)),
    );
    app.get(`/api/${spec.name}/:id`, { schema: { tags: ["registers"], params: idParams } }, async (request) => services.registers.get(actorOf(request), spec, idOf(request)));
    app.get(`/api/${spec.name}/:id/history`, { schema: { tags: ["registers"], summary: `${spec.label}的变更记录`, params: idParams } }, async (request) => ({
      items: await services.registers.history(actorOf(request), spec, idOf(request)),
    }));
    app.post(
      `/api/inspections/:id/${spec.name}`,
      { schema: { tags: ["registers"], summary: `登记${spec.label}`, params: idParams, body: { type: "object", required, additionalProperties: false, properties } } },
      async (request, reply) => reply.status(201).send(await services.registers.create(actorOf(request), spec, idOf(request), request.body as Record<string, unknown>)),
    );
    app.patch(
      `/api/${spec.name}/:id`,
      { schema: { tags: ["registers"], summary: `修改${spec.label}`, params: idParams, body: { type: "object", required: ["version"], additionalProperties: false, properties: { ...properties, version } } } },
      async (request) => services.registers.update(actorOf(request), spec, idOf(request), request.body as Record<string, unknown> & { version: number }),
    );
    app.post(`/api/${spec.name}/:id/void`, { schema: { tags: ["registers"], summary: `作废${spec.label}（保留原记录）`, params: idParams, body: voidBody } }, async (request) =>
      services.registers.voidRow(actorOf(request), spec, idOf(request), request.body as { version: number; reason: string }),
    );
    app.delete(`/api/${spec.name}/:id`, { schema: { tags: ["registers"], summary: "不能删除：请作废", params: idParams, querystring: versionQuery } }, async () => services.registers.remove(spec));
  }
  app.get("/api/immediate-fixes/export", { schema: { tags: ["registers"], summary: "导出立行立改事项（Excel）", querystring: inspectionQuery } }, async (request, reply) =>
    sendWorkbook(reply, await services.findings.exportImmediateFixes(actorOf(request), (request.query as { inspectionId: number }).inspectionId)),
  );
}
