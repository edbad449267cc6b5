import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-app.ts";

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext({ loginRateLimit: 5 });
});

afterAll(async () => {
  await context?.close();
});

describe("first-run setup and sessions", () => {
  it("offers setup on an empty database, needs the printed token, then refuses a second setup", async () => {
    const inject = context.app.inject.bind(context.app);
    expect((await inject({ method: "GET", url: "/api/setup" })).json()).toEqual({ needsSetup: true });
    const token = await context.services.auth.issueSetupToken();
    expect(token).toBeTruthy();
    const payload = { username: "admin", displayName: "系统管理员", password: "Admin2026ok", orgName: "某县委巡察办", orgKind: "office" };

    const wrongToken = await inject({ method: "POST", url: "/api/setup", payload: { ...payload, token: "guess" } });
    expect(wrongToken.statusCode).toBe(403);
    expect(wrongToken.json().error.message).toMatch(/初始化口令不正确/);

    const weak = await inject({ method: "POST", url: "/api/setup", payload: { ...payload, token, password: "onlyletters" } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toBe("密码须同时包含字母和数字");

    const done = await inject({ method: "POST", url: "/api/setup", payload: { ...payload, token } });
    expect(done.statusCode).toBe(201);
    expect((await inject({ method: "GET", url: "/api/setup" })).json()).toEqual({ needsSetup: false });
    expect(await context.services.auth.issueSetupToken()).toBeNull();
    const again = await inject({ method: "POST", url: "/api/setup", payload: { ...payload, token } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("SETUP_DONE");

    const hash = await context.db.query<{ password_hash: string }>("select password_hash from users where username = 'admin'");
    expect(hash[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it("logs in with a server-side session, logs out, and expires idle sessions", async () => {
    const inject = context.app.inject.bind(context.app);
    const login = await inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "Admin2026ok" } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === "zg_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    const headers = { cookie: `zg_session=${cookie?.value}`, "x-csrf-token": login.json().csrfToken };
    const sessions = await context.db.query("select count(*) as n from sessions");
    expect(Number(sessions[0].n)).toBeGreaterThan(0);
    expect((await inject({ method: "GET", url: "/api/auth/me", headers })).statusCode).toBe(200);

    const saved = context.clock.now;
    context.clock.now = new Date(saved.getTime() + 13 * 3600_000);
    const expired = await inject({ method: "GET", url: "/api/auth/me", headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe("登录已过期，请重新登录");
    context.clock.now = saved;

    const relogin = await inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "Admin2026ok" } });
    const headers2 = { cookie: `zg_session=${relogin.cookies[0].value}`, "x-csrf-token": relogin.json().csrfToken };
    expect((await inject({ method: "POST", url: "/api/auth/logout", headers: headers2 })).statusCode).toBe(200);
    expect((await inject({ method: "GET", url: "/api/auth/me", headers: headers2 })).statusCode).toBe(401);
  });

  it("changes a password only with the current one", async () => {
    const inject = context.app.inject.bind(context.app);
    const login = await inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "Admin2026ok" } });
    const headers = { cookie: `zg_session=${login.cookies[0].value}`, "x-csrf-token": login.json().csrfToken };
    const wrong = await inject({ method: "POST", url: "/api/auth/password", headers, payload: { currentPassword: "nope-123", newPassword: "NewPass2026" } });
    expect(wrong.statusCode).toBe(400);
    const ok = await inject({ method: "POST", url: "/api/auth/password", headers, payload: { currentPassword: "Admin2026ok", newPassword: "NewPass2026" } });
    expect(ok.statusCode).toBe(200);
    expect((await inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "NewPass2026" } })).statusCode).toBe(200);
  });

  it("rate-limits login attempts (429 in Chinese)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const response = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: `wrong-${i}` }, remoteAddress: "10.9.8.7" });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(response.json().error.message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    }
    expect(statuses).toContain(429);
  });
});
