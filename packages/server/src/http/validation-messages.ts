import type { FastifySchemaValidationError } from "fastify/types/schema.ts";

function fieldName(error: FastifySchemaValidationError, context: string): string {
  const path = (error.instancePath || "").replace(/^\//, "").replace(/\//g, ".");
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const name = missing ?? path;
  return name ? `“${name}”` : context === "body" ? "请求内容" : "参数";
}

/** Turns ajv validation errors into one Chinese message. */
export function describeValidationErrors(errors: FastifySchemaValidationError[], context: string): string {
  const parts = errors.slice(0, 5).map((error) => {
    const field = fieldName(error, context);
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case "required":
        return `缺少必填字段${field}`;
      case "type":
        return `字段${field}类型不正确（应为 ${String(params.type)}）`;
      case "enum":
        return `字段${field}取值无效（可选：${(params.allowedValues as unknown[]).join("、")}）`;
      case "minLength":
        return params.limit === 1 ? `字段${field}不能为空` : `字段${field}至少 ${String(params.limit)} 个字符`;
      case "maxLength":
        return `字段${field}最多 ${String(params.limit)} 个字符`;
      case "minimum":
        return `字段${field}不能小于 ${String(params.limit)}`;
      case "maximum":
        return `字段${field}不能大于 ${String(params.limit)}`;
      case "pattern":
      case "format":
        return `字段${field}格式不正确`;
      case "additionalProperties":
        return `不允许的字段“${String(params.additionalProperty)}”`;
      case "minItems":
        return `字段${field}至少需要 ${String(params.limit)} 项`;
      default:
        return `字段${field}不符合要求`;
    }
  });
  return `请求参数有误：${parts.join("；")}`;
}
