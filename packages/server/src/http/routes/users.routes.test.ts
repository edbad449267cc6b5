// Accounts (issue 8): administrators edit users, deactivate and reactivate them, and reset a
// password to a temporary one that must be changed before anything else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, TEST_PASSWORD, type OrgFixture, type TestContext, type TestUser } from "../../test/test-app.ts";

let context: TestContext;
let orgs: OrgFixture;
let admin: TestUser;

async function login(username: string, password: string) {
  const response = await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { response, headers: { cookie, "x-csrf-token": response.statusCode === 200 ? (response.json().csrfToken as string) : "" } };
}

async function userView(username: string) {
  const users = (await context.app.inject({ method: "GET", url: "/api/users", headers: admin.headers })).json().items;
  return users.find((u: { username: string }) => u.username === username);
}

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  admin = await createTestUser(context, "admin", orgs.office, "管理员");
});

afterAll(async () => {
  await context?.close();
});

describe("accounts", () => {
  it("resets a password to a temporary one that must be changed before anything else", async () => {
    const staff = await createTestUser(context, "department", orgs.deptA1, "忘了密码的人");
    const view = await userView(staff.actor.username);
    const inject = context.app.inject.bind(context.app);

    const forbidden = await inject({ method: "POST", url: `/api/users/${view.id}/reset-password`, headers: staff.headers });
    expect(forbidden.statusCode).toBe(403);
    const reset = await inject({ method: "POST", url: `/api/users/${view.id}/reset-password`, headers: admin.headers });
    expect(reset.statusCode, reset.body).toBe(200);
    const temporary = reset.json().temporaryPassword as string;
    expect(temporary).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{12}$/);
    expect(reset.json().user).toMatchObject({ username: staff.actor.username, mustChangePassword: true });

    // The old password and the old session are gone.
    expect((await login(staff.actor.username, TEST_PASSWORD)).response.statusCode).toBe(401);
    expect((await inject({ method: "GET", url: "/api/measures", headers: staff.headers })).statusCode).toBe(401);

    // The temporary password signs in, but opens nothing except the change itself.
    const signedIn = await login(staff.actor.username, temporary);
    expect(signedIn.response.statusCode).toBe(200);
    expect(signedIn.response.json().mustChangePassword).toBe(true);
    const blocked = await inject({ method: "GET", url: "/api/measures", headers: signedIn.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toEqual({ code: "PASSWORD_CHANGE_REQUIRED", message: "管理员已重置您的密码：请先修改密码后再继续使用" });
    expect((await inject({ method: "POST", url: "/api/measures/1/progress", headers: signedIn.headers, payload: { text: "x" } })).statusCode).toBe(403);
    const me = await inject({ method: "GET", url: "/api/auth/me", headers: signedIn.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);

    const same = await inject({ method: "POST", url: "/api/auth/password", headers: signedIn.headers, payload: { currentPassword: temporary, newPassword: temporary } });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toBe("新密码不能与当前密码相同");
    const changed = await inject({ method: "POST", url: "/api/auth/password", headers: signedIn.headers, payload: { currentPassword: temporary, newPassword: "MyOwn2026pw" } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await inject({ method: "GET", url: "/api/measures", headers: signedIn.headers })).statusCode).toBe(200);
    expect((await inject({ method: "GET", url: "/api/auth/me", headers: signedIn.headers })).json().mustChangePassword).toBe(false);
    expect((await userView(staff.actor.username)).mustChangePassword).toBe(false);

    // The trail records the reset and the change, never the temporary password.
    const audit = await context.db.query<{ action: string; after: unknown }>(
      "select action, after from audit_log where entity = 'user' and entity_id = $1 and action in ('reset_password', 'change_password') order by id",
      [String(view.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(["reset_password", "change_password"]);
    expect(JSON.stringify(audit)).not.toContain(temporary);
  });

  it("lets an administrator edit name, org and roles, deactivate and reactivate", async () => {
    const clerk = await createTestUser(context, "department", orgs.deptA1, "调岗前");
    const inject = context.app.inject.bind(context.app);
    let view = await userView(clerk.actor.username);
    const edited = await inject({
      method: "PATCH",
      url: `/api/users/${view.id}`,
      headers: admin.headers,
      payload: { version: view.version, displayName: "调岗后", grants: [{ orgId: orgs.unitA, role: "rectification_office" }] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ displayName: "调岗后", grants: [{ orgId: orgs.unitA, orgName: "甲单位", role: "rectification_office" }] });
    const relogged = await login(clerk.actor.username, TEST_PASSWORD);
    expect(relogged.response.json().user.grants).toEqual([{ orgId: orgs.unitA, role: "rectification_office" }]);

    view = await userView(clerk.actor.username);
    expect((await inject({ method: "PATCH", url: `/api/users/${view.id}`, headers: admin.headers, payload: { version: view.version, isActive: false } })).statusCode).toBe(200);
    expect((await login(clerk.actor.username, TEST_PASSWORD)).response.statusCode).toBe(401);
    expect((await inject({ method: "GET", url: "/api/inspections", headers: relogged.headers })).statusCode).toBe(401);
    view = await userView(clerk.actor.username);
    expect(view.isActive).toBe(false);
    expect((await inject({ method: "PATCH", url: `/api/users/${view.id}`, headers: admin.headers, payload: { version: view.version, isActive: true } })).statusCode).toBe(200);
    expect((await login(clerk.actor.username, TEST_PASSWORD)).response.statusCode).toBe(200);

    // An administrator of one unit cannot touch another unit's users.
    const unitAdmin = await createTestUser(context, "admin", orgs.unitB, "乙单位管理员");
    expect((await inject({ method: "POST", url: `/api/users/${view.id}/reset-password`, headers: unitAdmin.headers })).statusCode).toBe(404);
    const self = await userView(unitAdmin.actor.username);
    const own = await inject({ method: "POST", url: `/api/users/${self.id}/reset-password`, headers: unitAdmin.headers });
    expect(own.statusCode).toBe(400);
  });

  it("makes a password an administrator sets for someone temporary, and so an initial one on request", async () => {
    const inject = context.app.inject.bind(context.app);
    const created = await inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: { username: "new_clerk", displayName: "新同事", password: "Initial2026", grants: [{ orgId: orgs.deptA2, role: "department" }], mustChangePassword: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);
    expect((await login("new_clerk", "Initial2026")).response.json().mustChangePassword).toBe(true);
    const view = await userView("new_clerk");
    const changed = await inject({ method: "PATCH", url: `/api/users/${view.id}`, headers: admin.headers, payload: { version: view.version, password: "Another2026" } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().mustChangePassword).toBe(true);
  });
});
