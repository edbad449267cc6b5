import type { FastifyInstance } from "fastify";
import type { DelegationInput } from "../../services/delegation.service.ts";
import type { PersonField } from "../../services/people.service.ts";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { date, idParams, nullableDate } from "../schemas.ts";

/** People as accounts: pickers, linking name-only 责任领导 / 责任人 in bulk, and delegations (代签). */
export function registerPeopleRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.get("/api/orgs/:id/people", { schema: { tags: ["people"], summary: "本单位人员（选择责任领导、责任人、代签人）", params: idParams } }, async (request) => ({
    items: await services.people.listPeople(actorOf(request), idOf(request)),
  }));
  app.get("/api/orgs/:id/unlinked-people", { schema: { tags: ["people"], summary: "台账中尚未关联账号的责任领导、责任人姓名", params: idParams } }, async (request) => ({
    items: await services.people.listUnlinkedNames(actorOf(request), idOf(request)),
  }));
  app.post(
    "/api/orgs/:id/link-people",
    {
      schema: {
        tags: ["people"],
        summary: "把某一姓名的全部未关联措施批量关联到用户账号",
        params: idParams,
        body: {
          type: "object",
          required: ["field", "name", "userId"],
          additionalProperties: false,
          properties: { field: { type: "string", enum: ["leader", "owner"] }, name: { type: "string", minLength: 1, maxLength: 100 }, userId: { type: "integer", minimum: 1 } },
        },
      },
    },
    async (request) => services.people.linkName(actorOf(request), idOf(request), request.body as { field: PersonField; name: string; userId: number }),
  );

  app.get("/api/delegations", { schema: { tags: ["people"], summary: "代签授权（本人给出、收到及所管理用户的）" } }, async (request) => ({
    items: await services.delegations.listDelegations(actorOf(request)),
  }));
  app.post(
    "/api/delegations",
    {
      schema: {
        tags: ["people"],
        summary: "授权他人代签本人的签字环节",
        body: {
          type: "object",
          required: ["delegateId", "reason"],
          additionalProperties: false,
          properties: {
            principalId: { type: "integer", minimum: 1 },
            delegateId: { type: "integer", minimum: 1 },
            startsOn: date,
            endsOn: nullableDate,
            reason: { type: "string", minLength: 1, maxLength: 500 },
          },
        },
      },
    },
    async (request, reply) => reply.status(201).send(await services.delegations.createDelegation(actorOf(request), request.body as DelegationInput)),
  );
  app.post("/api/delegations/:id/revoke", { schema: { tags: ["people"], summary: "撤销代签授权", params: idParams } }, async (request) =>
    services.delegations.revokeDelegation(actorOf(request), idOf(request)),
  );
}
