import type { FastifyInstance } from "fastify";
import type { Config } from "./config.ts";
import { openDatabase, openPostgres, type Database } from "./db/database.ts";
import { describeAuditProtection, grantAppRole, roleOfUrl } from "./db/roles.ts";
import { migrate } from "./db/migrate.ts";
import { buildApp, defaultWebDir } from "./http/app.ts";
import { createMaintenanceToken, writeMaintenanceEndpoint } from "./maintenance-file.ts";
import { createServices, type Services } from "./services/index.ts";

/** The running system: database, services and (when serving) the HTTP app. */
export interface Runtime {
  db: Database;
  services: Services;
  close(): Promise<void>;
}

/**
 * Applies migrations as the schema's owner (ZG_DATABASE_OWNER_URL) and grants the restricted app
 * role its rights, then closes the owner's connection: the app itself never holds owner rights.
 */
async function migrateAsOwner(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = await openPostgres(ownerUrl, 2);
  try {
    await migrate(owner);
    await grantAppRole(owner, roleOfUrl(appUrl));
  } finally {
    await owner.close();
  }
}

/** Composition root: opens the database, applies migrations and builds the services. */
export async function openRuntime(config: Config): Promise<Runtime> {
  if (config.databaseOwnerUrl && config.databaseUrl) await migrateAsOwner(config.databaseOwnerUrl, config.databaseUrl);
  const db = await openDatabase(config);
  try {
    if (!config.databaseOwnerUrl) await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const services = createServices(db, config);
  const close = async (): Promise<void> => {
    await services.imports.files.close();
    await db.close();
  };
  return { db, services, close };
}

/** Starts the HTTP server on config.host:config.port; prints where it listens and any setup token. */
export async function startServer(
  config: Config,
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<{ app: FastifyInstance; runtime: Runtime; url: string }> {
  const runtime = await openRuntime(config);
  const maintenance = createMaintenanceToken();
  const app = await buildApp({ services: runtime.services, config, webDir: defaultWebDir(), maintenanceTokenSha256: maintenance.sha256 });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace("[::1]", "localhost");
  // The command line reaches this server through this file for online backup and audit checks.
  const removeEndpoint = writeMaintenanceEndpoint(config.dataDir, { pid: process.pid, url: url.replace("0.0.0.0", "127.0.0.1"), token: maintenance.token });
  log(`整改 zhenggai 已启动：${url}  （数据库：${runtime.db.kind === "pglite" ? `嵌入式 PGlite，目录 ${config.dataDir}` : "PostgreSQL"}）`);
  if (runtime.db.kind === "postgres") {
    const protection = await describeAuditProtection(runtime.db);
    if (!protection.isProtected) log(`警告：审计日志可被应用改写（${protection.reason}）。生产环境请按 docs/SECURITY.md 设置 ZG_DATABASE_OWNER_URL，让应用以受限角色连接。`);
  }
  const token = await runtime.services.auth.issueSetupToken();
  if (token) {
    log("");
    log("首次使用：请在浏览器中打开上述地址，按提示创建管理员账号。");
    log(`初始化口令（仅本次有效）：${token}`);
    log("也可以在命令行执行：npx zhenggai user add --admin");
    log("");
  }
  // The clock runs by itself: every app process runs the scheduler; the database's unique event keys
  // make each reminder fire once however many processes run it.
  const scheduler =
    config.schedulerIntervalSeconds > 0
      ? runtime.services.scheduler.start(config.schedulerIntervalSeconds, (error) => app.log.error(error))
      : null;
  if (!config.mail) log("未配置邮件服务器（ZG_SMTP_HOST）：消息仅在系统内提醒。");
  const shutdown = async (): Promise<void> => {
    await scheduler?.stop();
    removeEndpoint();
    await app.close();
    await runtime.close();
  };
  process.once("SIGINT", () => void shutdown().then(() => process.exit(0)));
  process.once("SIGTERM", () => void shutdown().then(() => process.exit(0)));
  return { app, runtime, url };
}
