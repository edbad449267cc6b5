import type { FastifyInstance } from "fastify";
import type { Services } from "../../services/index.ts";
import { actorOf, SESSION_COOKIE } from "../app.ts";

/** First-run setup, login, logout, the current user and password change. */
export function registerAuthRoutes(app: FastifyInstance, services: Services, options: { loginRateLimit: number; sessionTtlHours: number }): void {
  const cookieOptions = { path: "/", httpOnly: true, sameSite: "strict" as const, secure: "auto" as const, maxAge: options.sessionTtlHours * 3600 };

  app.get("/api/setup", { config: { isPublic: true }, schema: { tags: ["auth"], summary: "是否需要首次初始化" } }, async () => ({
    needsSetup: await services.auth.needsSetup(),
  }));

  app.post(
    "/api/setup",
    {
      config: { isPublic: true, rateLimit: { max: options.loginRateLimit, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "首次初始化：创建根组织和管理员",
        body: {
          type: "object",
          required: ["token", "username", "displayName", "password", "orgName"],
          additionalProperties: false,
          properties: {
            token: { type: "string", minLength: 1, maxLength: 100 },
            username: { type: "string", minLength: 2, maxLength: 64 },
            displayName: { type: "string", minLength: 1, maxLength: 50 },
            password: { type: "string", minLength: 8, maxLength: 128 },
            orgName: { type: "string", minLength: 1, maxLength: 200 },
            orgKind: { type: "string", enum: ["office", "unit"], default: "office" },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { token: string; username: string; displayName: string; password: string; orgName: string; orgKind: "office" | "unit" };
      const result = await services.auth.completeSetup(body);
      return reply.status(201).send(result);
    },
  );

  app.post(
    "/api/auth/login",
    {
      // Limits are per account and per client address, counted in the database (login-throttle.ts).
      config: { isPublic: true },
      schema: {
        tags: ["auth"],
        summary: "登录",
        body: {
          type: "object",
          required: ["username", "password"],
          additionalProperties: false,
          properties: { username: { type: "string", minLength: 1, maxLength: 64 }, password: { type: "string", minLength: 1, maxLength: 128 } },
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const { token, session } = await services.auth.login(username, password, { ip: request.ip });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { user: session.actor, csrfToken: session.csrfToken, mustChangePassword: session.mustChangePassword, clock: services.dashboard.getClock() };
    },
  );

  app.post("/api/auth/logout", { config: { isPublic: true }, schema: { tags: ["auth"], summary: "退出登录" } }, async (request, reply) => {
    if (request.auth) await services.auth.logout(request.auth);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });

  app.get("/api/auth/me", { config: { isOpenBeforePasswordChange: true }, schema: { tags: ["auth"], summary: "当前用户、角色与 CSRF 口令" } }, async (request) => {
    const actor = actorOf(request);
    const orgs = await services.orgs.listOrgs(actor);
    return { user: actor, csrfToken: request.auth?.csrfToken, mustChangePassword: request.auth?.mustChangePassword ?? false, orgs, clock: services.dashboard.getClock() };
  });

  app.post(
    "/api/auth/password",
    {
      config: { isOpenBeforePasswordChange: true, rateLimit: { max: options.loginRateLimit, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "修改本人密码（管理员重置后首次登录须先修改）",
        body: {
          type: "object",
          required: ["currentPassword", "newPassword"],
          additionalProperties: false,
          properties: { currentPassword: { type: "string", minLength: 1, maxLength: 128 }, newPassword: { type: "string", minLength: 8, maxLength: 128 } },
        },
      },
    },
    async (request) => {
      const body = request.body as { currentPassword: string; newPassword: string };
      await services.auth.changePassword(actorOf(request), body.currentPassword, body.newPassword, request.auth?.sessionId ?? "");
      return { ok: true };
    },
  );
}
