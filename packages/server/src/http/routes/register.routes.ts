import type { FastifyInstance } from "fastify";
import { REGISTERS, type RegisterField } from "../../services/register.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { idParams, pageProperties, version, versionQuery } from "../schemas.ts";

function schemaOf(field: RegisterField): Record<string, unknown> {
  const nullable = field.isRequired ? [] : ["null"];
  switch (field.type) {
    case "text":
      return field.values
        ? { type: ["string", ...nullable], enum: [...field.values, ...(field.isRequired ? [] : [null])] }
        : { type: ["string", ...nullable], maxLength: field.maxLength ?? 2000 };
    case "date":
      return { type: ["string", ...nullable], pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
    case "integer":
    case "id":
      return { type: ["integer", ...nullable], minimum: 0 };
    case "id_list":
      return { type: "array", items: { type: "integer", minimum: 1 } };
  }
}

/** CRUD for every outcome register (rules, accountability, recoveries, petitions, leads, directives). */
export function registerRegisterRoutes(app: FastifyInstance, services: Services): void {
  // Directives have their own routes (supervision.routes.ts): issued on a target, replied, closed, never deleted.
  for (const spec of REGISTERS.filter((r) => r.name !== "directives")) {
    const properties = Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, schemaOf(f)]));
    const required = Object.entries(spec.fields).filter(([, f]) => f.isRequired).map(([k]) => k);
    app.get(
      `/api/${spec.name}`,
      { schema: { tags: ["registers"], summary: `${spec.label}列表`, querystring: { type: "object", properties: { ...pageProperties, inspectionId: { type: "integer", minimum: 1 }, orgId: { type: "integer", minimum: 1 }, findingId: { type: "integer", minimum: 1 } } } } },
      async (request) => services.registers.list(actorOf(request), spec, request.query as { page: number; pageSize: number }),
    );
    app.post(
      `/api/inspections/:id/${spec.name}`,
      { schema: { tags: ["registers"], summary: `登记${spec.label}`, params: idParams, body: { type: "object", required, additionalProperties: false, properties } } },
      async (request, reply) =>
        reply.status(201).send(await services.registers.create(actorOf(request), spec, (request.params as { id: number }).id, request.body as Record<string, unknown>)),
    );
    app.patch(
      `/api/${spec.name}/:id`,
      { schema: { tags: ["registers"], summary: `修改${spec.label}`, params: idParams, body: { type: "object", required: ["version"], additionalProperties: false, properties: { ...properties, version } } } },
      async (request) => services.registers.update(actorOf(request), spec, (request.params as { id: number }).id, request.body as Record<string, unknown> & { version: number }),
    );
    app.delete(`/api/${spec.name}/:id`, { schema: { tags: ["registers"], params: idParams, querystring: versionQuery } }, async (request, reply) => {
      await services.registers.remove(actorOf(request), spec, (request.params as { id: number }).id, (request.query as { version: number }).version);
      return reply.status(204).send();
    });
  }
}
