import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { Ajv, type ValidateFunction } from "ajv";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { AppError, httpStatusOf, type ErrorCode } from "../errors.ts";
import type { Actor } from "../services/access.ts";
import type { AuthenticatedSession } from "../services/auth.service.ts";
import type { Services } from "../services/index.ts";
import { registerAuthRoutes } from "./routes/auth.routes.ts";
import { registerClockRoutes } from "./routes/clock.routes.ts";
import { registerDashboardRoutes } from "./routes/dashboard.routes.ts";
import { registerLedgerRoutes } from "./routes/ledger.routes.ts";
import { registerMaintenanceRoutes } from "./routes/maintenance.routes.ts";
import { registerNoticeRoutes } from "./routes/notice.routes.ts";
import { registerNotificationRoutes } from "./routes/notification.routes.ts";
import { registerOrgRoutes } from "./routes/org.routes.ts";
import { registerPeopleRoutes } from "./routes/people.routes.ts";
import { registerRegisterRoutes } from "./routes/register.routes.ts";
import { registerSupervisionRoutes } from "./routes/supervision.routes.ts";
import { registerTransferRoutes } from "./routes/transfer.routes.ts";
import { registerViewRoutes } from "./routes/views.routes.ts";
import { registerWeeklyReportRoutes } from "./routes/weekly-report.routes.ts";
import { registerWorkflowRoutes } from "./routes/workflow.routes.ts";
import { describeValidationErrors, listInvalidFields } from "./validation-messages.ts";
import { registerInputGuards, translateFrameworkError } from "./input-guards.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { translateDatabaseError } from "../services/transaction.ts";

export const SESSION_COOKIE = "zg_session";

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthenticatedSession | null;
  }
  interface FastifyContextConfig {
    /** Route reachable without a session (health, setup, login, public pages). */
    isPublic?: boolean;
    /** Route open to a session whose temporary password must be changed first (me, password change). */
    isOpenBeforePasswordChange?: boolean;
  }
}

/** Options of the HTTP app. */
export interface AppOptions {
  services: Services;
  config: Pick<Config, "maxUploadBytes" | "logLevel" | "sessionTtlHours"> & Partial<Pick<Config, "trustProxy">>;
  /** Directory of the built web app; served with an SPA fallback when present. */
  webDir?: string | null;
  /** Per-minute login attempts allowed per client (tests lower it). */
  loginRateLimit?: number;
  /** sha256 of the running server's maintenance token (see maintenance-file.ts); null: none accepted. */
  maintenanceTokenSha256?: string | null;
}

/** The signed-in actor of a request; routes not marked public always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError("UNAUTHENTICATED", "请先登录");
  return request.auth.actor;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Builds the Fastify app: plugins, auth, error model, routes, OpenAPI and the web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services, config } = options;
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    bodyLimit: 5 * 1024 * 1024,
    // Behind a reverse proxy, request.ip and request.protocol come from X-Forwarded-* only when
    // the proxy is trusted (ZG_TRUST_PROXY); login limits and Secure cookies depend on both.
    // (A hop count is supported at run time though Fastify's types omit it.)
    trustProxy: (config.trustProxy ?? false) as boolean | string[],
    // Errors Fastify raises before routing (a malformed URL, say) get the same Chinese error shape.
    frameworkErrors: (error, _request, reply) => {
      const translated = translateFrameworkError(error) ?? new AppError("VALIDATION_FAILED", "请求格式有误");
      return sendError(reply, translated.code, translated.message);
    },
  });
  app.decorateRequest("auth", null);
  // JSON bodies are validated strictly (12 is not a title); query strings and params arrive as text
  // and are coerced. Two Ajv instances keep those rules apart.
  // `verbose` hands each error its schema, whose `title` names the field in messages.
  const strictAjv = new Ajv({ removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true, strict: false, verbose: true });
  const coercingAjv = new Ajv({ removeAdditional: false, coerceTypes: "array", useDefaults: true, allErrors: true, strict: false, verbose: true });
  // Each route's schema is compiled on its first request, not at start: compiling all 160 routes'
  // schemas up front was half a second of every start-up. Fastify reads `errors` off the function
  // it was given, so the wrapper carries them over from the compiled validator.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    let compiled: ValidateFunction | undefined;
    const validate = (data: unknown): boolean => {
      compiled ??= (httpPart === "body" ? strictAjv : coercingAjv).compile(schema);
      const isValid = compiled(data) as boolean;
      validate.errors = compiled.errors;
      return isValid;
    };
    validate.errors = null as ValidateFunction["errors"];
    return validate;
  });
  registerInputGuards(app);

  app.setErrorHandler((error: Error & { validation?: unknown; validationContext?: string; statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof AppError) {
      return sendError(reply, error.code, error.message, error.details);
    }
    if (error.validation) {
      const errors = error.validation as never;
      return sendError(reply, "VALIDATION_FAILED", describeValidationErrors(errors, error.validationContext ?? "body"), { fields: listInvalidFields(errors) });
    }
    const translated = translateFrameworkError(error) ?? translateDatabaseError(error);
    if (translated instanceof AppError) return sendError(reply, translated.code, translated.message, translated.details);
    if (error.statusCode === 429) return sendError(reply, "RATE_LIMITED", "操作过于频繁，请稍后再试");
    if (error.statusCode === 413 || error.code === "FST_REQ_FILE_TOO_LARGE") {
      return sendError(reply, "PAYLOAD_TOO_LARGE", `上传的文件超过大小上限：单个文件不能超过 ${formatMegabytes(config.maxUploadBytes)}。`, { maxUploadBytes: config.maxUploadBytes });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, "VALIDATION_FAILED", `请求格式有误：${error.message}`);
    }
    // 5xx: log the cause, tell the user nothing internal.
    request.log.error(error);
    return sendError(reply, "INTERNAL", "服务器内部错误，请稍后重试或联系管理员");
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || !options.webDir) return sendError(reply, "NOT_FOUND", "请求的地址不存在");
    return reply.sendFile("index.html");
  });

  await registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "zhenggai 整改 API", version: "0.1.0", description: "巡察整改台账、流程与通报的 HTTP 接口" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await services.auth.authenticate(token) : null;
    request.auth = session;
    if (request.routeOptions.config?.isPublic || request.url.startsWith("/api/docs")) return;
    if (!session) throw new AppError("UNAUTHENTICATED", token ? "登录已过期，请重新登录" : "请先登录");
    // CSRF: cookie-authenticated writes must echo the session's token in a header a cross-site form cannot set.
    if (MUTATING.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
      throw new AppError("CSRF_FAILED", "安全校验失败，请刷新页面后重试");
    }
    // A temporary password (administrator's reset) opens nothing but the password change.
    if (session.mustChangePassword && !request.routeOptions.config?.isOpenBeforePasswordChange) {
      throw new AppError("PASSWORD_CHANGE_REQUIRED", "管理员已重置您的密码：请先修改密码后再继续使用");
    }
  });

  app.get("/api/openapi.json", { config: { isPublic: true }, schema: { hide: true } }, async () => app.swagger());
  app.get("/api/limits", { schema: { tags: ["dashboard"], summary: "上传大小上限等限制，供表单说明" } }, async () => ({ maxUploadBytes: config.maxUploadBytes }));
  app.get("/api/health", { config: { isPublic: true } }, async () => {
    await services.db.query("select 1");
    return { status: "ok", database: services.db.kind };
  });

  registerAuthRoutes(app, services, { loginRateLimit: options.loginRateLimit ?? 10, sessionTtlHours: config.sessionTtlHours });
  registerOrgRoutes(app, services);
  registerLedgerRoutes(app, services);
  registerWorkflowRoutes(app, services);
  registerRegisterRoutes(app, services);
  registerNoticeRoutes(app, services);
  registerDashboardRoutes(app, services);
  registerTransferRoutes(app, services);
  registerPeopleRoutes(app, services);
  registerViewRoutes(app, services);
  registerClockRoutes(app, services);
  registerNotificationRoutes(app, services);
  registerSupervisionRoutes(app, services);
  registerWeeklyReportRoutes(app, services);
  registerMaintenanceRoutes(app, services, { maintenanceTokenSha256: options.maintenanceTokenSha256 ?? null });

  if (options.webDir && existsSync(path.join(options.webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: options.webDir, prefix: "/", wildcard: false, index: ["index.html"] });
  }
  return app;
}

/** Sends the one error shape: `{ error: { code, message, details? } }`. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  return reply.status(httpStatusOf(code)).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** Writes a byte count as megabytes for messages ("20 MB"). */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / 1024 / 1024;
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}

/** Default location of the built web app. */
export function defaultWebDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web/dist");
}
