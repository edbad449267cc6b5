// Sign-in limits per account and per client address, stored in the database; the proxy setting;
// Secure cookies and HSTS behind TLS; security headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../services/index.ts";
import { LOGIN_POLICY } from "../services/login-throttle.ts";
import { createOrgFixture, createTestContext, TEST_PASSWORD, type OrgFixture, type TestContext } from "../test/test-app.ts";
import { buildApp } from "./app.ts";

let context: TestContext;
let orgs: OrgFixture;

beforeAll(async () => {
  // The test's requests come from 127.0.0.1, standing in for the reverse proxy.
  context = await createTestContext({ trustProxy: ["127.0.0.1"] });
  orgs = await createOrgFixture(context.db);
  for (const username of ["alice", "bob", "carol", "dave"]) {
    await context.services.users.createUser(null, { username, displayName: username, password: TEST_PASSWORD, grants: [{ orgId: orgs.unitA, role: "readonly" }] });
  }
});

afterAll(async () => {
  await context?.close();
});

function login(username: string, password: string, client: string, extra: Record<string, string> = {}) {
  return context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, headers: { "x-forwarded-for": client, ...extra } });
}

function advance(seconds: number): void {
  context.clock.now = new Date(context.clock.now.getTime() + seconds * 1000);
}

describe("sign-in limits behind a trusted proxy", () => {
  it("locks the attacked account, not its neighbours on the same address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await login("alice", `wrong-${i}`, "203.0.113.7")).statusCode);
    expect(statuses.slice(0, LOGIN_POLICY.accountFreeFailures)).toEqual(Array(LOGIN_POLICY.accountFreeFailures).fill(401));
    expect(statuses).toContain(429);

    // Another account from the same client address signs in.
    expect((await login("bob", TEST_PASSWORD, "203.0.113.7")).statusCode).toBe(200);
    // The attacked account stays locked, even with the right password and from another address.
    const locked = await login("alice", TEST_PASSWORD, "198.51.100.9");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: "RATE_LIMITED" });
    expect(locked.json().error.message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);

    // The lock is a back-off, not a ban: after it ends the right password works and resets the count.
    advance(LOGIN_POLICY.accountMaxLockSeconds + 1);
    expect((await login("alice", TEST_PASSWORD, "198.51.100.9")).statusCode).toBe(200);
    expect((await login("alice", "wrong-again", "198.51.100.9")).statusCode).toBe(401);
    expect((await login("alice", TEST_PASSWORD, "198.51.100.9")).statusCode).toBe(200);
  });

  it("locks a client address that fails too often across many accounts, and only that address", async () => {
    for (let i = 0; i < LOGIN_POLICY.ipMaxFailures; i += 1) {
      expect((await login(`nobody${i}`, "wrong-password", "192.0.2.50")).statusCode).toBe(401);
    }
    expect((await login("carol", TEST_PASSWORD, "192.0.2.50")).statusCode).toBe(429);
    expect((await login("carol", TEST_PASSWORD, "192.0.2.51")).statusCode).toBe(200);
    advance(LOGIN_POLICY.ipWindowSeconds + 1);
    expect((await login("carol", TEST_PASSWORD, "192.0.2.50")).statusCode).toBe(200);
  });

  it("keeps the counters in the database, so another app process sees the same lock", async () => {
    for (let i = 0; i < LOGIN_POLICY.accountFreeFailures + 1; i += 1) await login("dave", `wrong-${i}`, "203.0.113.20");
    // A second app with its own services and no shared memory, over the same database.
    const services = createServices(context.db, { filesDir: context.filesDir, sessionTtlHours: 12, yellowDays: 10 }, () => context.clock.now);
    const other = await buildApp({ services, config: { maxUploadBytes: 1024, logLevel: "silent", sessionTtlHours: 12, trustProxy: true } });
    try {
      const response = await other.inject({ method: "POST", url: "/api/auth/login", payload: { username: "dave", password: TEST_PASSWORD }, headers: { "x-forwarded-for": "203.0.113.21" } });
      expect(response.statusCode).toBe(429);
    } finally {
      await other.close();
    }
    const rows = await context.db.query<{ key: string; failures: number }>("select key, failures from login_throttle where key = 'account:dave'");
    expect(rows).toEqual([{ key: "account:dave", failures: LOGIN_POLICY.accountFreeFailures + 1 }]);
  });

  it("records failed sign-ins in the audit trail with the client address and the reason", async () => {
    await login("alice", "wrong-audited", "203.0.113.99");
    await login("no-such-user", "wrong-audited", "203.0.113.99");
    const rows = await context.db.query<{ entity_id: string | null; after: { username: string; ip: string; reason: string } }>(
      "select entity_id, after from audit_log where action = 'login_failed' and after->>'ip' = '203.0.113.99' order by id",
    );
    expect(rows.map((row) => row.after)).toEqual([
      { username: "alice", ip: "203.0.113.99", reason: "wrong_password" },
      { username: "no-such-user", ip: "203.0.113.99", reason: "unknown_user" },
    ]);
    expect(rows[0].entity_id).not.toBeNull();
    expect(rows[1].entity_id).toBeNull();
  });
});

describe("TLS behind a proxy and security headers", () => {
  it("marks the session cookie Secure and sends HSTS only when the trusted proxy says the request came over TLS", async () => {
    advance(LOGIN_POLICY.accountMaxLockSeconds + 1);
    const overTls = await login("bob", TEST_PASSWORD, "203.0.113.30", { "x-forwarded-proto": "https" });
    expect(overTls.statusCode).toBe(200);
    expect(overTls.cookies[0]).toMatchObject({ name: "zg_session", secure: true, httpOnly: true, sameSite: "Strict" });
    expect(overTls.headers["strict-transport-security"]).toMatch(/max-age=\d+/);

    const plain = await login("bob", TEST_PASSWORD, "203.0.113.30");
    expect(plain.cookies[0].secure).toBeUndefined();
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
  });

  it("ignores X-Forwarded-* from an untrusted peer", async () => {
    const direct = await createTestContext();
    try {
      await direct.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "erin", password: "bad-one" }, headers: { "x-forwarded-for": "203.0.113.77" } });
      const keys = await direct.db.query<{ key: string }>("select key from login_throttle order by key");
      // The failure counts against the peer's own address, not the one the header claims.
      expect(keys.map((k) => k.key)).toEqual(["account:erin", "ip:127.0.0.1"]);
    } finally {
      await direct.close();
    }
  });

  it("sends the security headers on API answers", async () => {
    const response = await context.app.inject({ method: "GET", url: "/api/health" });
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["referrer-policy"]).toBe("same-origin");
  });
});
