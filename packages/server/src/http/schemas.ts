import { FIELD_LIMITS, LEDGER_FLAGS, ROLES, STATUSES } from "@zhenggai/core";

// Shared JSON-schema pieces for route declarations (also feed the OpenAPI document).
// Integers carry explicit bounds: ids are bigint (exact in JS up to 2^53 - 1), versions int4;
// http/input-guards.ts adds the bigint bound to any integer a route declares without one.

/** Largest value of a PostgreSQL integer (int4) column such as `version`. */
export const MAX_INT4 = 2_147_483_647;
const id = { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

export const idParams = {
  type: "object",
  required: ["id"],
  properties: { id },
} as const;

export const versionQuery = {
  type: "object",
  required: ["version"],
  properties: { version: { type: "integer", minimum: 1, maximum: MAX_INT4 } },
} as const;

export const pageProperties = {
  page: { type: "integer", minimum: 1, maximum: 1_000_000, default: 1 },
  pageSize: { type: "integer", minimum: 1, maximum: 500, default: 20 },
} as const;

export const date = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
export const nullableDate = { type: ["string", "null"], pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;
export const nullableText = (maxLength: number) => ({ type: ["string", "null"], maxLength }) as const;
export const status = { type: "string", enum: [...STATUSES] } as const;
export const role = { type: "string", enum: [...ROLES] } as const;
export const version = { type: "integer", minimum: 1, maximum: MAX_INT4 } as const;

/** Ledger list filters shared by findings and measures. */
export const ledgerQuery = {
  type: "object",
  properties: {
    ...pageProperties,
    inspectionId: id,
    status: { type: "array", items: status },
    category: { type: "string", maxLength: 200 },
    departmentId: id,
    leader: { type: "string", maxLength: 100 },
    overdue: { type: "boolean" },
    q: { type: "string", maxLength: 200 },
    mine: { type: "boolean" },
    flag: { type: "string", enum: [...LEDGER_FLAGS] },
    immediate: { type: "boolean", description: "true：仅立行立改事项；false：仅其他问题" },
    includeVoided: { type: "boolean", description: "包括已作废的记录" },
  },
} as const;

/** Body of every void (作废) and of archiving: the version read and the reason. */
export const voidBody = {
  type: "object",
  required: ["version", "reason"],
  additionalProperties: false,
  properties: { version, reason: { title: "原因", type: "string", minLength: 1, maxLength: FIELD_LIMITS.reason } },
} as const;

/** Audit-log filters: who, what, when (Shanghai days) and where (an org's subtree). */
export const auditFilterProperties = {
  entity: { type: "string", maxLength: 50 },
  entityId: { type: "string", maxLength: 50 },
  actor: { type: "string", maxLength: 100 },
  action: { type: "string", maxLength: 50 },
  from: date,
  to: date,
  orgId: { type: "integer", minimum: 1 },
} as const;
