import os from "node:os";
import path from "node:path";
import { AppError } from "./errors.ts";

/** Runtime configuration, parsed once at boot from the environment. */
export interface Config {
  host: string;
  port: number;
  /** PostgreSQL server URL; null means the embedded PGlite database. */
  databaseUrl: string | null;
  /** Where PGlite keeps its data directory and evidence files live. */
  dataDir: string;
  /** Content-addressed evidence store. */
  filesDir: string;
  sessionTtlHours: number;
  /** Largest accepted upload in bytes. */
  maxUploadBytes: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  /** Days before a due date at which an item turns yellow. */
  yellowDays: number;
  /** Connections to a PostgreSQL server (ZG_DB_POOL_SIZE, default 10). */
  dbPoolSize: number;
  /** Seconds a session and an access scope stay cached in memory (ZG_AUTH_CACHE_SECONDS, default 5; 0 turns it off). */
  authCacheSeconds: number;
  /** Worker threads for exports and other CPU-heavy work (ZG_WORKERS; default one less than the CPUs, 1–4; 0 runs them inline). */
  workers: number;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "silent"] as const;

/**
 * Parses the environment into a Config, reporting every problem at once.
 * Throws AppError(VALIDATION_FAILED) listing each bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const readInt = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} 应为 ${min}–${max} 之间的整数（当前为“${raw}”）`);
      return fallback;
    }
    return value;
  };
  const port = readInt("PORT", 3000, 0, 65535);
  const sessionTtlHours = readInt("ZG_SESSION_TTL_HOURS", 12, 1, 24 * 30);
  const maxUploadMb = readInt("ZG_MAX_UPLOAD_MB", 50, 1, 1024);
  const yellowDays = readInt("ZG_YELLOW_DAYS", 10, 0, 365);
  const dbPoolSize = readInt("ZG_DB_POOL_SIZE", 10, 1, 500);
  const authCacheSeconds = readInt("ZG_AUTH_CACHE_SECONDS", 5, 0, 300);
  const workers = readInt("ZG_WORKERS", defaultWorkerCount(), 0, 64);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL 应以 postgres:// 或 postgresql:// 开头");
  }
  const logLevel = (env.ZG_LOG_LEVEL ?? "warn") as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`ZG_LOG_LEVEL 应为 ${LOG_LEVELS.join(" / ")} 之一`);
  }
  const host = env.HOST?.trim() || "127.0.0.1";
  const dataDir = path.resolve(cwd, env.ZG_DATA_DIR?.trim() || "data");
  const filesDir = path.resolve(cwd, env.ZG_FILES_DIR?.trim() || path.join(dataDir, "files"));
  if (problems.length > 0) {
    throw new AppError("VALIDATION_FAILED", `环境变量配置有误：\n  - ${problems.join("\n  - ")}`, { problems });
  }
  return {
    host,
    port,
    databaseUrl,
    dataDir,
    filesDir,
    sessionTtlHours,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    logLevel,
    yellowDays,
    dbPoolSize,
    authCacheSeconds,
    workers,
  };
}

/** One worker thread per CPU beyond the first, between 1 and 4. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}
