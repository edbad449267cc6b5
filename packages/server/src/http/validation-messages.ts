import type { FastifySchemaValidationError } from "fastify/types/schema.ts";

// Schemas name each field as the form shows it in `title` (e.g. "完成时限"); with ajv's `verbose`
// option every error carries the schema it failed, so messages name that label, never the JSON key.

interface SchemaNode {
  title?: string;
  properties?: Record<string, SchemaNode>;
  pattern?: string;
}

type VerboseError = FastifySchemaValidationError & { parentSchema?: SchemaNode };

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  integer: "整数",
  number: "数字",
  boolean: "是或否",
  array: "列表",
  object: "对象",
  null: "空值",
};

function describeType(type: unknown): string {
  const names = String(type)
    .split(",")
    .filter((t) => t !== "null")
    .map((t) => TYPE_NAMES[t] ?? t);
  return names.join("或");
}

function fieldLabel(error: VerboseError, context: string): string {
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  if (missing) {
    const title = error.parentSchema?.properties?.[missing]?.title;
    return `“${title ?? missing}”`;
  }
  if (error.parentSchema?.title) return `“${error.parentSchema.title}”`;
  const path = (error.instancePath || "").replace(/^\//, "").replace(/\//g, ".");
  if (path) return `“${path}”`;
  return context === "body" ? "提交的内容" : "请求参数";
}

function describeOne(error: VerboseError, context: string): string {
  const field = fieldLabel(error, context);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `请填写${field}。`;
    case "type":
      return `${field}应为${describeType(params.type)}。`;
    case "enum":
      return `${field}的取值无效，可选：${(params.allowedValues as unknown[]).filter((v) => v !== null).join("、")}。`;
    case "minLength":
      return params.limit === 1 ? `${field}不能为空。` : `${field}至少 ${String(params.limit)} 个字。`;
    case "maxLength":
      return `${field}最多 ${String(params.limit)} 个字。`;
    case "minimum":
      return `${field}不能小于 ${String(params.limit)}。`;
    case "maximum":
      return `${field}不能大于 ${String(params.limit)}。`;
    case "pattern":
      return String(params.pattern).includes("\\d{4}-\\d{2}-\\d{2}") ? `${field}应为 YYYY-MM-DD 格式的日期。` : `${field}的格式不正确。`;
    case "format":
      return `${field}的格式不正确。`;
    case "additionalProperties":
      return `不能提交名为“${String(params.additionalProperty)}”的内容（系统不认识这一项）。`;
    case "minItems":
      return `${field}至少需要 ${String(params.limit)} 项。`;
    case "maxItems":
      return `${field}最多 ${String(params.limit)} 项。`;
    default:
      return `${field}不符合要求。`;
  }
}

/** Turns ajv validation errors into Chinese sentences naming each field by its label. */
export function describeValidationErrors(errors: FastifySchemaValidationError[], context: string): string {
  const sentences = [...new Set(errors.slice(0, 5).map((error) => describeOne(error as VerboseError, context)))];
  return sentences.join("");
}

/** The fields the errors are about (JSON keys), for programs: the message is for people. */
export function listInvalidFields(errors: FastifySchemaValidationError[]): string[] {
  return [
    ...new Set(
      errors.map((error) => (error.params as { missingProperty?: string }).missingProperty ?? (error.instancePath || "").replace(/^\//, "").replace(/\//g, ".")).filter(Boolean),
    ),
  ];
}
