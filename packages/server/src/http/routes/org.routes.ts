import type { FastifyInstance } from "fastify";
import type { Role } from "@zhenggai/core";
import type { OrgSettings } from "../../services/org.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { idParams, role, versionQuery, version } from "../schemas.ts";

const grants = { type: "array", minItems: 1, items: { type: "object", required: ["orgId", "role"], additionalProperties: false, properties: { orgId: { type: "integer", minimum: 1 }, role } } } as const;

/** Org tree and users (administration). */
export function registerOrgRoutes(app: FastifyInstance, services: Services): void {
  app.get("/api/orgs", { schema: { tags: ["orgs"], summary: "可见的组织树" } }, async (request) => ({ items: await services.orgs.listOrgs(actorOf(request)) }));
  app.get("/api/orgs/:id", { schema: { tags: ["orgs"], params: idParams } }, async (request) =>
    services.orgs.getOrg(actorOf(request), (request.params as { id: number }).id),
  );
  app.post(
    "/api/orgs",
    {
      schema: {
        tags: ["orgs"],
        summary: "新建单位或部门",
        body: {
          type: "object",
          required: ["parentId", "kind", "name"],
          additionalProperties: false,
          properties: {
            parentId: { type: "integer", minimum: 1 },
            kind: { type: "string", enum: ["office", "unit", "department"] },
            name: { type: "string", minLength: 1, maxLength: 200 },
            partyOrgName: { type: ["string", "null"], maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => reply.status(201).send(await services.orgs.createOrg(actorOf(request), request.body as never)),
  );
  app.patch(
    "/api/orgs/:id",
    {
      schema: {
        tags: ["orgs"],
        params: idParams,
        body: {
          type: "object",
          required: ["version"],
          additionalProperties: false,
          properties: {
            version,
            name: { type: "string", minLength: 1, maxLength: 200 },
            partyOrgName: { type: ["string", "null"], maxLength: 200 },
            settings: { type: "object", additionalProperties: false, properties: { signoffChain: { type: "array", items: role } } },
            headUserId: { type: ["integer", "null"], minimum: 1 },
          },
        },
      },
    },
    async (request) =>
      services.orgs.updateOrg(actorOf(request), (request.params as { id: number }).id, request.body as { version: number; settings?: OrgSettings; headUserId?: number | null }),
  );
  app.delete("/api/orgs/:id", { schema: { tags: ["orgs"], params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await services.orgs.deleteOrg(actorOf(request), (request.params as { id: number }).id, (request.query as { version: number }).version);
    return reply.status(204).send();
  });

  app.get("/api/users", { schema: { tags: ["users"], summary: "用户列表（管理员）" } }, async (request) => ({ items: await services.users.listUsers(actorOf(request)) }));
  app.post(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        body: {
          type: "object",
          required: ["username", "displayName", "password", "grants"],
          additionalProperties: false,
          properties: {
            username: { type: "string", minLength: 2, maxLength: 64 },
            displayName: { type: "string", minLength: 1, maxLength: 50 },
            password: { type: "string", minLength: 8, maxLength: 128 },
            grants,
            mustChangePassword: { type: "boolean" },
          },
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.users.createUser(actorOf(request), request.body as { username: string; displayName: string; password: string; grants: { orgId: number; role: Role }[] })),
  );
  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags: ["users"],
        params: idParams,
        body: {
          type: "object",
          required: ["version"],
          additionalProperties: false,
          properties: {
            version,
            displayName: { type: "string", minLength: 1, maxLength: 50 },
            isActive: { type: "boolean" },
            password: { type: "string", minLength: 8, maxLength: 128 },
            grants,
          },
        },
      },
    },
    async (request) => services.users.updateUser(actorOf(request), (request.params as { id: number }).id, request.body as { version: number }),
  );
  app.post("/api/users/:id/reset-password", { schema: { tags: ["users"], summary: "重置密码：生成临时密码（只显示一次），用户下次登录须修改", params: idParams } }, async (request) =>
    services.users.resetPassword(actorOf(request), { id: (request.params as { id: number }).id }),
  );
}
