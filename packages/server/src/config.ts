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
  /** Outgoing mail (SMTP); null means notifications stay in the app. */
  mail: MailConfig | null;
  /** Address people open the app at, for links in e-mails (default http://HOST:PORT). */
  publicUrl: string;
  /** Seconds between scheduler runs (reminders, escalation, weekly reports, e-mail); 0 turns it off. */
  schedulerIntervalSeconds: number;
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

/** SMTP settings for notification e-mail. */
export interface MailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  isSecure: boolean;
  user: string | null;
  password: string | null;
  from: string;
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
  const schedulerIntervalSeconds = readInt("ZG_SCHEDULER_INTERVAL_SECONDS", 60, 0, 86_400);
  const mail = readMailConfig(env, readInt, problems);
  const publicUrl = (env.ZG_PUBLIC_URL?.trim() || `http://${host}:${port}`).replace(/\/+$/, "");
  if (!/^https?:\/\//.test(publicUrl)) problems.push("ZG_PUBLIC_URL 应以 http:// 或 https:// 开头");
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
    mail,
    publicUrl,
    schedulerIntervalSeconds,
    trustProxy,
    databaseOwnerUrl,
    pgliteSync,
  };
}

/** Reads the ZG_SMTP_* variables: none set means no mail; a host needs a sender address. */
function readMailConfig(
  env: NodeJS.ProcessEnv,
  readInt: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): MailConfig | null {
  const host = env.ZG_SMTP_HOST?.trim();
  if (!host) return null;
  const secureText = (env.ZG_SMTP_SECURE ?? "").trim().toLowerCase();
  if (!["", "true", "false", "1", "0"].includes(secureText)) problems.push("ZG_SMTP_SECURE 应为 true 或 false");
  const isSecure = secureText === "true" || secureText === "1";
  const port = readInt("ZG_SMTP_PORT", isSecure ? 465 : 587, 1, 65535);
  const from = env.ZG_SMTP_FROM?.trim() ?? "";
  if (!/^(.*<)?[^@\s<>]+@[^@\s<>]+>?$/.test(from)) problems.push("设置了 ZG_SMTP_HOST 时须同时设置发件人 ZG_SMTP_FROM（例如 整改台账 <zhenggai@example.gov.cn>）");
  return { host, port, isSecure, user: env.ZG_SMTP_USER?.trim() || null, password: env.ZG_SMTP_PASSWORD ?? null, from };
}
