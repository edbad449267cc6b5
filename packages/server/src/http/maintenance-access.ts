import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { hashMaintenanceToken } from "../maintenance-file.ts";
import type { Actor } from "../services/access.ts";

/**
 * Who is asking on a maintenance route: the command line with the running server's token (actor
 * null, the system) or a signed-in user (whose role the service checks). Routes using this are
 * declared public so the session hook lets token requests through; CSRF is checked here instead.
 */
export function authorizeMaintenance(request: FastifyRequest, tokenSha256: string | null): { actor: Actor | null } {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const given = Buffer.from(hashMaintenanceToken(header.slice(7).trim()));
    if (tokenSha256 && timingSafeEqual(given, Buffer.from(tokenSha256))) return { actor: null };
    throw new AppError("UNAUTHENTICATED", "维护口令无效：请确认命令行连接的是本机正在运行的服务");
  }
  if (!request.auth) throw new AppError("UNAUTHENTICATED", "请先登录");
  if (request.method !== "GET" && request.headers["x-csrf-token"] !== request.auth.csrfToken) {
    throw new AppError("CSRF_FAILED", "安全校验失败，请刷新页面后重试");
  }
  return { actor: request.auth.actor };
}
