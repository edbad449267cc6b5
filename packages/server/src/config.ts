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
  /**
   * Which reverse proxies to believe for the client address (X-Forwarded-For) and scheme
   * (X-Forwarded-Proto): false (default), true (any), a hop count, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string[];
  /**
   * PostgreSQL URL of the role that owns the schema; when set, migrations run as this role and
   * DATABASE_URL is the restricted application role (see docs/SECURITY.md). Null: one role does both.
   */
  databaseOwnerUrl: string | null;
  /** Embedded database: "commit" syncs the WAL to disk after each write (default), "off" leaves it to the OS. */
  pgliteSync: "commit" | "off";
}

/** Parses ZG_TRUST_PROXY: empty/false, true, a hop count, or a comma-separated list of addresses or CIDRs. */
function parseTrustProxy(raw: string | undefined, problems: string[]): Config["trustProxy"] {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.every((entry) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) || ["loopback", "linklocal", "uniquelocal"].includes(entry))) return entries;
  problems.push("ZG_TRUST_PROXY 应为 true、false、跳数，或以逗号分隔的代理地址（如 127.0.0.1,10.0.0.0/8）");
  return false;
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
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL 应以 postgres:// 或 postgresql:// 开头");
  }
  const databaseOwnerUrl = env.ZG_DATABASE_OWNER_URL?.trim() || null;
  if (databaseOwnerUrl !== null && (databaseUrl === null || !/^postgres(ql)?:\/\//.test(databaseOwnerUrl))) {
    problems.push("ZG_DATABASE_OWNER_URL 应以 postgres:// 开头，且须同时设置 DATABASE_URL（应用角色）");
  }
  const trustProxy = parseTrustProxy(env.ZG_TRUST_PROXY, problems);
  const pgliteSync = (env.ZG_PGLITE_SYNC?.trim() || "commit") as Config["pgliteSync"];
  if (pgliteSync !== "commit" && pgliteSync !== "off") problems.push("ZG_PGLITE_SYNC 应为 commit 或 off");
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
    trustProxy,
    databaseOwnerUrl,
    pgliteSync,
  };
}
