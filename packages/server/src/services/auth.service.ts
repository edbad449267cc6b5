import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { OrgKind, Role } from "@zhenggai/core";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { listGrants } from "../repositories/org.repository.ts";
import { insertRow } from "../repositories/sql.ts";
import {
  countUsers,
  deleteExpiredSessions,
  deleteSessions,
  deleteSetting,
  findSession,
  findUserByUsername,
  insertSession,
  readSetting,
  touchSession,
  writePassword,
  writeSetting,
  type UserRow,
} from "../repositories/user.repository.ts";
import type { Actor } from "./access.ts";
import { ensureLoginAllowed, loginKeysOf, recordLoginFailure, recordLoginSuccess } from "./login-throttle.ts";
import { ensurePasswordPolicy, hashPassword, verifyPassword } from "./passwords.ts";
import { runMutation } from "./transaction.ts";
import { ensure } from "./validation.ts";

const SETUP_TOKEN_KEY = "setup_token_sha256";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A signed-in session as the HTTP layer needs it. */
export interface AuthenticatedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  /** True after an administrator's reset: only the password change (and logout) is open until then. */
  mustChangePassword: boolean;
}

/** Input of the first-run setup. */
export interface SetupInput {
  token: string;
  username: string;
  displayName: string;
  password: string;
  orgName: string;
  orgKind: OrgKind;
}

/** Sign-in, sessions, first-run setup and passwords. */
export class AuthService {
  private readonly db: Database;
  private readonly sessionTtlMs: number;
  private readonly now: () => Date;

  constructor(db: Database, options: { sessionTtlHours: number; now?: () => Date }) {
    this.db = db;
    this.sessionTtlMs = options.sessionTtlHours * 3600_000;
    this.now = options.now ?? (() => new Date());
  }

  /** True while the database has no user: the app then offers the one-time administrator setup. */
  async needsSetup(): Promise<boolean> {
    return (await countUsers(this.db)) === 0;
  }

  /** Creates a fresh one-time setup token (printed to the console) when setup is still needed; null otherwise. */
  async issueSetupToken(): Promise<string | null> {
    if (!(await this.needsSetup())) return null;
    const token = randomBytes(9).toString("base64url");
    await writeSetting(this.db, SETUP_TOKEN_KEY, sha256(token));
    return token;
  }

  /** Completes the first-run setup: root org, administrator and grant, in one transaction. */
  async completeSetup(input: SetupInput): Promise<{ userId: number; orgId: number }> {
    ensurePasswordPolicy(input.password);
    ensure(input.orgName.trim().length > 0, "请填写单位名称");
    const passwordHash = await hashPassword(input.password);
    return runMutation(this.db, null, async (tx, audit) => {
      if ((await countUsers(tx)) > 0) throw new AppError("SETUP_DONE", "系统已完成初始化，请直接登录");
      const expected = await readSetting<string>(tx, SETUP_TOKEN_KEY);
      const given = Buffer.from(sha256(input.token ?? ""));
      if (!expected || !timingSafeEqual(Buffer.from(expected), given)) {
        throw new AppError("FORBIDDEN", "初始化口令不正确：请使用服务启动时控制台打印的口令");
      }
      const org = await insertRow<{ id: number }>(tx, "orgs", { values: { kind: input.orgKind, name: input.orgName.trim() } });
      const user = await createUserRow(tx, { username: input.username, displayName: input.displayName, passwordHash });
      await tx.query("insert into user_roles (user_id, org_id, role) values ($1, $2, 'admin')", [user.id, org.id]);
      await deleteSetting(tx, SETUP_TOKEN_KEY);
      await audit({ action: "setup", entity: "user", entityId: user.id, orgId: org.id, after: { username: user.username, role: "admin", org: input.orgName } });
      return { userId: user.id, orgId: org.id };
    });
  }

  /**
   * Checks credentials and opens a server-side session. Failures are counted per account and per
   * client address (see login-throttle.ts) and recorded in the audit trail.
   */
  async login(username: string, password: string, client: { ip?: string | null } = {}): Promise<{ token: string; session: AuthenticatedSession }> {
    const keys = loginKeysOf(username, client.ip);
    await ensureLoginAllowed(this.db, keys, this.now());
    const user = await findUserByUsername(this.db, username);
    const isValid = await verifyPassword(user?.isActive ? user.passwordHash : null, password);
    if (!user || !isValid) {
      await runMutation(this.db, null, async (tx, audit) => {
        await recordLoginFailure(tx, keys, this.now());
        const reason = !user ? "unknown_user" : !user.isActive ? "inactive" : "wrong_password";
        await audit({ action: "login_failed", entity: "user", entityId: user?.id ?? null, orgId: null, after: { username: username.slice(0, 64), ip: client.ip ?? null, reason } });
      });
      throw new AppError("UNAUTHENTICATED", "用户名或密码错误");
    }
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const sessionId = sha256(token);
    await runMutation(this.db, null, async (tx, audit) => {
      await deleteExpiredSessions(tx, this.now());
      await recordLoginSuccess(tx, keys);
      await insertSession(tx, { id: sessionId, userId: user.id, csrfToken, expiresAt: new Date(this.now().getTime() + this.sessionTtlMs) });
      await audit({ action: "login", entity: "user", entityId: user.id, orgId: null, after: { username: user.username, ip: client.ip ?? null } });
    });
    return { token, session: { sessionId, csrfToken, actor: await this.loadActor(user), mustChangePassword: user.mustChangePassword } };
  }

  /** Resolves a session cookie to its actor, sliding the expiry; null when missing or expired. */
  async authenticate(token: string): Promise<AuthenticatedSession | null> {
    const sessionId = sha256(token);
    const session = await findSession(this.db, sessionId, this.now());
    if (!session || !session.isActive) return null;
    await touchSession(this.db, sessionId, new Date(this.now().getTime() + this.sessionTtlMs));
    const actor = await this.loadActor({ id: session.userId, username: session.username, displayName: session.displayName });
    return { sessionId, csrfToken: session.csrfToken, actor, mustChangePassword: session.mustChangePassword };
  }

  /** Ends a session. */
  async logout(session: AuthenticatedSession): Promise<void> {
    await runMutation(this.db, session.actor, async (tx, audit) => {
      await deleteSessions(tx, { id: session.sessionId });
      await audit({ action: "logout", entity: "user", entityId: session.actor.userId, orgId: null });
    });
  }

  /**
   * Changes the actor's own password after checking the current one; other sessions are closed and
   * a temporary password's must-change flag is cleared. The new password must differ from the old.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, keepSessionId: string): Promise<void> {
    ensurePasswordPolicy(newPassword);
    const user = await findUserByUsername(this.db, actor.username);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError("VALIDATION_FAILED", "当前密码不正确");
    }
    ensure(newPassword !== currentPassword, "新密码不能与当前密码相同");
    const passwordHash = await hashPassword(newPassword);
    await runMutation(this.db, actor, async (tx, audit) => {
      await writePassword(tx, user.id, passwordHash, false);
      await tx.query("delete from sessions where user_id = $1 and id <> $2", [user.id, keepSessionId]);
      await audit({ action: "change_password", entity: "user", entityId: user.id, orgId: null, after: { wasTemporary: user.mustChangePassword } });
    });
  }

  /** Builds the actor (with role grants) for a user. */
  async loadActor(user: Pick<UserRow, "id" | "username" | "displayName">): Promise<Actor> {
    const grants = await listGrants(this.db, [user.id]);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      grants: grants.map((g) => ({ orgId: g.orgId, role: g.role as Role })),
    };
  }
}

/** Inserts a user row after validating the login name. */
export async function createUserRow(
  tx: Parameters<typeof insertRow>[0],
  input: { username: string; displayName: string; passwordHash: string | null },
): Promise<UserRow> {
  ensure(/^[A-Za-z0-9_.@-]{2,64}$/.test(input.username ?? ""), "用户名应为 2–64 位字母、数字或 _.@-");
  ensure((input.displayName ?? "").trim().length > 0, "请填写姓名");
  if (await findUserByUsername(tx, input.username)) {
    throw new AppError("CONFLICT", `用户名“${input.username}”已存在`);
  }
  return insertRow<UserRow>(tx, "users", {
    values: { username: input.username, displayName: input.displayName.trim(), passwordHash: input.passwordHash },
  });
}
