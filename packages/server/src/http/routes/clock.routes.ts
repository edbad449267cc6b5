import type { FastifyInstance } from "fastify";
import { RECIPIENT_KINDS, ROLES, WINDOW_KEYS, type ClockRules } from "@zhenggai/core";
import type { Services } from "../../services/index.ts";
import { actorOf } from "../app.ts";
import { date, idParams } from "../schemas.ts";

const smallInt = (max: number) => ({ type: "integer", minimum: 0, maximum: max }) as const;
const recipients = { type: "array", maxItems: 7, items: { type: "string", enum: [...RECIPIENT_KINDS] } } as const;
const ladderStep = {
  type: "object",
  required: ["key", "label", "trigger", "days", "light", "recipients"],
  additionalProperties: false,
  properties: {
    key: { type: "string", maxLength: 40 },
    label: { type: "string", maxLength: 40 },
    trigger: { type: "string", enum: ["before_due", "overdue", "no_progress"] },
    days: smallInt(365),
    light: { type: ["string", "null"], enum: ["red", "yellow", "green", null] },
    recipients,
  },
} as const;
const windowKey = { type: ["string", "null"], enum: [...WINDOW_KEYS, null] } as const;

/** JSON schema of a rule set (shape only; ClockService checks meaning and answers in Chinese). */
export const clockRulesSchema = {
  type: "object",
  required: ["windows", "ladder", "directiveLadder", "measureDefaults", "extensionApprover", "weeklyReportDay", "catchUpDays"],
  additionalProperties: false,
  properties: {
    windows: {
      type: "array",
      maxItems: WINDOW_KEYS.length,
      items: {
        type: "object",
        required: ["key", "label", "anchor", "months", "days", "durationDays", "remindDaysBefore", "recipients"],
        additionalProperties: false,
        properties: {
          key: { type: "string", enum: [...WINDOW_KEYS] },
          label: { type: "string", maxLength: 40 },
          anchor: { type: "string", enum: ["feedback", ...WINDOW_KEYS] },
          months: smallInt(36),
          days: smallInt(366),
          durationDays: smallInt(90),
          remindDaysBefore: { type: "array", maxItems: 5, items: smallInt(90) },
          recipients,
        },
      },
    },
    ladder: { type: "array", maxItems: 10, items: ladderStep },
    directiveLadder: { type: "array", maxItems: 10, items: ladderStep },
    measureDefaults: {
      type: "object",
      required: ["immediate", "deadline", "long_term"],
      additionalProperties: false,
      properties: { immediate: windowKey, deadline: windowKey, long_term: windowKey },
    },
    extensionApprover: { type: "string", enum: [...ROLES] },
    weeklyReportDay: { type: "integer", minimum: 1, maximum: 7 },
    catchUpDays: smallInt(365),
  },
} as const;

/** Deadline rules per org, each round's clock, and extension requests (申请延期). */
export function registerClockRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.get("/api/orgs/:id/clock-rules", { schema: { tags: ["clock"], summary: "期限规则与预警阶梯（本级或上级设置，否则为默认）", params: idParams } }, async (request) =>
    services.clock.getRules(actorOf(request), idOf(request)),
  );
  app.put(
    "/api/orgs/:id/clock-rules",
    {
      schema: {
        tags: ["clock"],
        summary: "设置期限规则（管理员、巡察办）；rules 为 null 时恢复继承",
        params: idParams,
        body: { type: "object", required: ["rules"], additionalProperties: false, properties: { rules: { anyOf: [clockRulesSchema, { type: "null" }] } } },
      },
    },
    async (request) => services.clock.updateRules(actorOf(request), idOf(request), (request.body as { rules: ClockRules | null }).rules),
  );
  app.get("/api/inspections/:id/clock", { schema: { tags: ["clock"], summary: "本轮整改时间轴：各期限日期与当前所处阶段", params: idParams } }, async (request) =>
    services.clock.getRoundClock(actorOf(request), idOf(request)),
  );

  app.get("/api/measures/:id/extensions", { schema: { tags: ["clock"], summary: "措施的原定时限与历次延期申请", params: idParams } }, async (request) =>
    services.extensions.listForMeasure(actorOf(request), idOf(request)),
  );
  app.post(
    "/api/measures/:id/extensions",
    {
      schema: {
        tags: ["clock"],
        summary: "申请延期",
        params: idParams,
        body: { type: "object", required: ["requestedDueDate", "reason"], additionalProperties: false, properties: { requestedDueDate: date, reason: { type: "string", minLength: 1, maxLength: 2000 } } },
      },
    },
    async (request, reply) => reply.status(201).send(await services.extensions.request(actorOf(request), idOf(request), request.body as { requestedDueDate: string; reason: string })),
  );
  app.post(
    "/api/extensions/:id/decision",
    {
      schema: {
        tags: ["clock"],
        summary: "审批延期申请",
        params: idParams,
        body: { type: "object", required: ["decision"], additionalProperties: false, properties: { decision: { type: "string", enum: ["approved", "rejected"] }, note: { type: "string", maxLength: 2000 } } },
      },
    },
    async (request) => services.extensions.decide(actorOf(request), idOf(request), request.body as { decision: "approved" | "rejected"; note?: string }),
  );
  app.post("/api/extensions/:id/withdraw", { schema: { tags: ["clock"], summary: "撤回本人的延期申请", params: idParams } }, async (request) => {
    await services.extensions.withdraw(actorOf(request), idOf(request));
    return { ok: true };
  });
}
