// Hostile input stopped at the edge: text the database cannot store (NUL, lone UTF-16 surrogates),
// integers beyond what a column holds, and framework errors (bad JSON, broken multipart bodies) that
// would otherwise surface as 500. Every refusal is a 4xx with a Chinese message.
import type { FastifyInstance } from "fastify";
import { AppError, type ErrorCode } from "../errors.ts";

/** Largest integer any route accepts where the schema names no bound: ids are bigint, JS numbers are exact up to here. */
export const MAX_SAFE_ID = Number.MAX_SAFE_INTEGER;

// NUL cannot be stored in PostgreSQL text or jsonb; a lone surrogate is not valid UTF-8.
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a string holds a NUL character or a lone UTF-16 surrogate. */
export function isUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/** Finds the first string (value or object key) that the database could not store; returns its path, or null. */
export function findUnsafeText(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isUnsafeText(value) ? path || "（值）" : null;
  if (value === null || typeof value !== "object" || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findUnsafeText(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (isUnsafeText(key)) return path || "（字段名）";
    const found = findUnsafeText(item, itemPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws VALIDATION_FAILED when a request part holds text the database cannot store. */
export function ensureSafeText(value: unknown, part: string): void {
  const path = findUnsafeText(value);
  if (path !== null) {
    throw new AppError("VALIDATION_FAILED", `${part}中的“${path}”含有不允许的字符（空字符或不成对的 Unicode 代理项），请删除后重试`);
  }
}

/** Returns a copy of a JSON schema where every integer without a maximum gets MAX_SAFE_ID (and a minimum of its negative). */
export function withIntegerBounds<T>(schema: T, depth = 0): T {
  if (schema === null || typeof schema !== "object" || depth > 32) return schema;
  if (Array.isArray(schema)) return schema.map((item) => withIntegerBounds(item, depth + 1)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = withIntegerBounds(value, depth + 1);
  const type = copy.type;
  const isInteger = type === "integer" || (Array.isArray(type) && type.includes("integer"));
  if (isInteger) {
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined) copy.maximum = MAX_SAFE_ID;
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined) copy.minimum = -MAX_SAFE_ID;
  }
  return copy as T;
}

/**
 * Installs the guards: integer bounds on every route schema (added as routes are declared, so
 * routes written later are covered too) and a check of body, query and params before validation.
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (!route.schema) return;
    const schema = route.schema as Record<string, unknown>;
    for (const part of ["body", "querystring", "params", "headers"]) {
      if (schema[part]) schema[part] = withIntegerBounds(schema[part]);
    }
  });
  app.addHook("preValidation", async (request) => {
    ensureSafeText(request.params, "地址参数");
    ensureSafeText(request.query, "查询参数");
    ensureSafeText(request.body, "请求内容");
  });
}

const FRAMEWORK_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "VALIDATION_FAILED", message: "请求内容不是有效的 JSON" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "VALIDATION_FAILED", message: "请求内容为空：声明了 JSON 格式却没有内容" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: "UNSUPPORTED_FILE", message: "不支持的请求内容类型（Content-Type）" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "VALIDATION_FAILED", message: "请求内容长度与声明不符" },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "PAYLOAD_TOO_LARGE", message: "请求内容过大" },
  FST_ERR_CTP_INVALID_TYPE: { code: "VALIDATION_FAILED", message: "请求内容类型（Content-Type）格式有误" },
  FST_ERR_BAD_URL: { code: "VALIDATION_FAILED", message: "请求地址格式有误" },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: "VALIDATION_FAILED", message: "请以 multipart/form-data 上传文件" },
  FST_REQ_FILE_TOO_LARGE: { code: "PAYLOAD_TOO_LARGE", message: "上传内容过大" },
  FST_PARTS_LIMIT: { code: "PAYLOAD_TOO_LARGE", message: "上传的表单字段过多" },
  FST_FILES_LIMIT: { code: "VALIDATION_FAILED", message: "一次只能上传一个文件" },
  FST_FIELDS_LIMIT: { code: "VALIDATION_FAILED", message: "上传的表单字段过多" },
  FST_PROTO_VIOLATION: { code: "VALIDATION_FAILED", message: "上传的表单字段名不允许" },
  FST_NO_FORM_DATA: { code: "VALIDATION_FAILED", message: "上传内容为空" },
  FST_MP_PREMATURE_CLOSE: { code: "VALIDATION_FAILED", message: "上传内容不完整（连接提前关闭），请重新上传" },
  FST_INVALID_JSON_FIELD_ERROR: { code: "VALIDATION_FAILED", message: "上传表单中的 JSON 字段格式有误" },
};

// Errors thrown by busboy (the multipart parser) carry no code; their messages are stable.
const MULTIPART_MESSAGES = [/^Multipart: /, /^Unexpected end of (form|file|multipart data)/, /^Part terminated early/, /^Malformed part header/, /^Boundary required/];

/**
 * Maps an error raised by Fastify, its plugins or the multipart parser to an AppError with a
 * Chinese message; returns null for anything else.
 */
export function translateFrameworkError(error: { code?: unknown; message?: unknown; statusCode?: unknown }): AppError | null {
  const known = typeof error.code === "string" ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known) return new AppError(known.code, known.message);
  const message = typeof error.message === "string" ? error.message : "";
  if (error.code === undefined && MULTIPART_MESSAGES.some((pattern) => pattern.test(message))) {
    return new AppError("VALIDATION_FAILED", "上传内容格式有误（multipart 表单不完整或缺少分隔符），请重新上传");
  }
  return null;
}
