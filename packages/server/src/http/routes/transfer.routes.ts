import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../errors.ts";
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind } from "../../services/export.service.ts";
import type { Services } from "../../services/index.ts";
import type { ColumnMappingInput } from "../../services/ledger-import.service.ts";
import { actorOf } from "../app.ts";
import { idParams } from "../schemas.ts";

/** An uploaded file with the form fields sent before it. */
export interface Upload {
  fileName: string;
  bytes: Buffer;
  field(name: string): string | undefined;
}

export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError("VALIDATION_FAILED", "请以 multipart/form-data 上传文件（字段名 file）");
  const part = await request.file();
  if (!part) throw new AppError("VALIDATION_FAILED", "请选择要上传的文件");
  const bytes = await part.toBuffer();
  if (part.file.truncated) throw new AppError("PAYLOAD_TOO_LARGE", "文件超过大小上限");
  if (bytes.byteLength === 0) throw new AppError("VALIDATION_FAILED", "上传的文件为空");
  return {
    fileName: part.filename,
    bytes,
    field(name) {
      const value = part.fields[name] as { value?: unknown } | undefined;
      return typeof value?.value === "string" && value.value !== "" ? value.value : undefined;
    },
  };
}

const NOTICE_EXTENSIONS = ["txt", "md", "markdown", "docx", "pdf", "html", "htm"];

function ensureNoticeFile(fileName: string): void {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (!NOTICE_EXTENSIONS.includes(extension)) {
    const hint = extension === "doc" ? "旧版 Word（.doc）文件请另存为 .docx 后再导入。" : "";
    throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型“${extension ? `.${extension}` : fileName}”：请上传 .txt、.md、.docx、.pdf 或 .html 格式的通报。${hint}`);
  }
}

function ensureWorkbookFile(fileName: string): void {
  if (!/\.xlsx$/i.test(fileName)) {
    const hint = /\.xls$/i.test(fileName) ? "旧版 Excel（.xls）文件请另存为 .xlsx 后再导入。" : "";
    throw new AppError("UNSUPPORTED_FILE", `不支持的文件类型“${fileName}”：整改台账请上传 .xlsx 格式的 Excel 文件。${hint}`);
  }
}

function readColumnMapping(upload: Upload): ColumnMappingInput | undefined {
  const text = upload.field("columnMapping");
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "列映射（columnMapping）不是有效的 JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("VALIDATION_FAILED", "列映射（columnMapping）应为对象，例如 {\"3\": \"measure\"}");
  }
  return value as ColumnMappingInput;
}

const exportQuery = {
  type: "object",
  required: ["kind", "format"],
  properties: {
    kind: { type: "string", enum: [...EXPORT_KINDS] },
    format: { type: "string", enum: [...EXPORT_FORMATS] },
    noticeId: { type: "integer", minimum: 1 },
  },
} as const;

const uploadSummary = "（multipart：file，可选字段须在 file 之前发送）";

/** Import of notices and Excel ledgers into the ledger, exports of a round's documents, and the notice check. */
export function registerTransferRoutes(app: FastifyInstance, services: Services): void {
  const idOf = (request: { params: unknown }): number => (request.params as { id: number }).id;

  app.post(
    "/api/orgs/:id/imports/notice/preview",
    { schema: { tags: ["imports"], summary: `预览导入整改通报：将要创建的问题、状态、数字和检查发现，不写入数据${uploadSummary}`, consumes: ["multipart/form-data"], params: idParams } },
    async (request) => {
      const upload = await readUpload(request);
      ensureNoticeFile(upload.fileName);
      return services.imports.previewNoticeImport(actorOf(request), idOf(request), { fileName: upload.fileName, bytes: upload.bytes });
    },
  );
  app.post(
    "/api/orgs/:id/imports/notice",
    { schema: { tags: ["imports"], summary: `导入整改通报为台账（重复导入同一文件不产生变化）${uploadSummary}`, consumes: ["multipart/form-data"], params: idParams } },
    async (request, reply) => {
      const upload = await readUpload(request);
      ensureNoticeFile(upload.fileName);
      const result = await services.imports.importNotice(actorOf(request), idOf(request), { fileName: upload.fileName, bytes: upload.bytes });
      return reply.status(result.isChanged ? 201 : 200).send(result);
    },
  );
  app.post(
    "/api/inspections/:id/imports/ledger/preview",
    { schema: { tags: ["imports"], summary: `预览导入 Excel 整改台账：列映射、问题清单、部门匹配（字段 columnMapping 为 JSON）${uploadSummary}`, consumes: ["multipart/form-data"], params: idParams } },
    async (request) => {
      const upload = await readUpload(request);
      ensureWorkbookFile(upload.fileName);
      return services.imports.previewLedgerWorkbook(actorOf(request), idOf(request), upload.bytes, { columnMapping: readColumnMapping(upload) });
    },
  );
  app.post(
    "/api/inspections/:id/imports/ledger",
    {
      schema: {
        tags: ["imports"],
        summary: `导入 Excel 整改台账（字段 columnMapping 为 JSON；createDepartments=true 时创建缺少的部门）${uploadSummary}`,
        consumes: ["multipart/form-data"],
        params: idParams,
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request);
      ensureWorkbookFile(upload.fileName);
      const result = await services.imports.importLedgerWorkbook(actorOf(request), idOf(request), upload.bytes, {
        columnMapping: readColumnMapping(upload),
        createDepartments: upload.field("createDepartments") === "true",
      });
      return reply.status(201).send(result);
    },
  );
  app.get(
    "/api/inspections/:id/exports",
    { schema: { tags: ["exports"], summary: "导出通报、整改情况报告、主要负责人报告（docx/pdf/html/md/txt）或整改台账（xlsx）", params: idParams, querystring: exportQuery } },
    async (request, reply) => {
      const query = request.query as { kind: ExportKind; format: ExportFormat; noticeId?: number };
      const file = await services.exports.exportInspection(actorOf(request), idOf(request), query);
      reply.header("content-type", file.mimeType);
      reply.header("content-disposition", `attachment; filename="export.${query.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return reply.send(Buffer.from(file.bytes));
    },
  );
  app.get(
    "/api/notices/:id/check",
    { schema: { tags: ["notices"], summary: "发布前检查：通报数字与台账是否一致，以及需要关注的问题", params: idParams } },
    async (request) => services.notices.checkNotice(actorOf(request), idOf(request)),
  );
}
