import type { FastifyInstance } from "fastify";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { buildApp, defaultWebDir } from "./http/app.ts";
import { createServices, type Services } from "./services/index.ts";

/** The running system: database, services and (when serving) the HTTP app. */
export interface Runtime {
  db: Database;
  services: Services;
  close(): Promise<void>;
}

/** Composition root: opens the database, applies migrations and builds the services. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const services = createServices(db, config);
  return {
    db,
    services,
    close: async () => {
      await services.workers.close();
      await db.close();
    },
  };
}

/** Starts the HTTP server on config.host:config.port; prints where it listens and any setup token. */
export async function startServer(
  config: Config,
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<{ app: FastifyInstance; runtime: Runtime; url: string }> {
  const runtime = await openRuntime(config);
  const app = await buildApp({ services: runtime.services, config, webDir: defaultWebDir() });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace("[::1]", "localhost");
  log(`整改 zhenggai 已启动：${url}  （数据库：${runtime.db.kind === "pglite" ? `嵌入式 PGlite，目录 ${config.dataDir}` : "PostgreSQL"}）`);
  const token = await runtime.services.auth.issueSetupToken();
  if (token) {
    log("");
    log("首次使用：请在浏览器中打开上述地址，按提示创建管理员账号。");
    log(`初始化口令（仅本次有效）：${token}`);
    log("也可以在命令行执行：npx zhenggai user add --admin");
    log("");
  }
  const shutdown = async (): Promise<void> => {
    await app.close();
    await runtime.close();
  };
  process.once("SIGINT", () => void shutdown().then(() => process.exit(0)));
  process.once("SIGTERM", () => void shutdown().then(() => process.exit(0)));
  return { app, runtime, url };
}
