import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type pg from "pg";
import { AppError } from "../errors.ts";
import { copyPgliteTemplateTo } from "./pglite-template.ts";

/** A result row as plain object. */
export type Row = Record<string, unknown>;

/** Anything that runs SQL: the database or a transaction. */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** The storage engine behind the app: embedded PGlite or a PostgreSQL server. */
export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; any throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: calls `onNotify` for each NOTIFY on `channel` from any process, and also when
   * the listening connection drops (notifications may have been missed). PGlite has one process
   * and no need.
   */
  listen?(channel: string, onNotify: () => void): Promise<void>;
  close(): Promise<void>;
}

// Driver differences are normalised here, once: int8 (count(*), ids, money in fen) → number,
// date → "YYYY-MM-DD" string, timestamptz → ISO-8601 string. Ids and fen stay far below 2^53.
const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

// Sessions run in UTC, so timestamps arrive as "2026-11-30 13:41:32.123456+00": rewritten as text
// (milliseconds, truncated as Date does); anything else goes through Date.
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

function parseTimestamp(value: string): string {
  const utc = UTC_TIMESTAMP.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
  const iso = value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00");
  return new Date(iso).toISOString();
}

const PARSERS: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [DATE]: (value) => value,
  [TIMESTAMPTZ]: parseTimestamp,
};

/** Wraps a PGlite instance (on disk or in memory) as a Database. */
export function wrapPglite(db: PGlite): Database {
  const asQueryable = (q: { query: PGlite["query"] }): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  return {
    kind: "pglite",
    ...asQueryable(db),
    async exec(sql) {
      await db.exec(sql);
    },
    async transaction(fn) {
      return db.transaction((tx) => fn(asQueryable(tx)));
    },
    async close() {
      await db.close();
    },
  };
}

/** PGlite options shared by the app and the test harness (pg_trgm backs the ledger's text search). */
export function pgliteOptions(): { parsers: Record<number, (value: string) => unknown>; extensions: { pg_trgm: typeof pg_trgm } } {
  return { parsers: PARSERS, extensions: { pg_trgm } };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the embedded database's lock file. WARNING: PGlite is single-process; two processes on one
 * data directory would corrupt it, so a second opener (e.g. a CLI command while the server runs)
 * gets a clear error instead. A lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8").trim());
      if (owner && owner !== process.pid && isProcessAlive(owner)) {
        throw new AppError(
          "CONFLICT",
          `嵌入式数据库（${dataDir}）正被另一个进程（PID ${owner}，通常是正在运行的服务）使用：请先停止服务再执行此命令，或改用网页和接口操作`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError("CONFLICT", `无法锁定嵌入式数据库目录 ${dataDir}`);
}

/**
 * How the embedded database reaches the disk. PGlite's WebAssembly file layer never calls fsync
 * (measured: 0 fsync/fdatasync system calls per commit with PostgreSQL's fsync on or off), so a
 * commit is in the OS page cache only: safe if the process is killed, not if the power fails.
 * - "commit" (default): after every committed write transaction the current WAL segment is
 *   fdatasync'ed, and on close every file changed since opening is synced; acknowledged writes
 *   survive a power loss (see docs/SECURITY.md for the measured cost and the residual risk).
 * - "off": leave flushing to the OS (faster writes; up to ~30 s of writes lost on power loss).
 */
export type PgliteSync = "commit" | "off";

function syncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsyncs every file changed since `sinceMs` and every directory under a directory (after a clean shutdown). */
export function syncDirectoryTree(dir: string, sinceMs = 0): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) syncDirectoryTree(full, sinceMs);
    else if (entry.isFile() && statSync(full).mtimeMs >= sinceMs) syncFile(full);
  }
  syncFile(dir);
}

/**
 * After a commit: tells whether it wrote (the WAL position moved) and, with `fsync`, fdatasyncs the WAL
 * segment it was written to, kept open (a read-only transaction leaves the position where it was and
 * costs no sync).
 */
function createWalSync(db: PGlite, dir: string, fsync: boolean): () => Promise<boolean> {
  let current: { name: string; fd: number } | null = null;
  let lastLsn: string | null = null;
  return async () => {
    const row = (await db.query<{ name: string; lsn: string }>("select pg_walfile_name(pg_current_wal_insert_lsn()) as name, pg_current_wal_insert_lsn()::text as lsn")).rows[0];
    const name = row?.name;
    if (!name || row.lsn === lastLsn) return false;
    lastLsn = row.lsn;
    if (!fsync) return true;
    if (current?.name !== name) {
      if (current) {
        fdatasyncSync(current.fd);
        closeSync(current.fd);
      }
      current = { name, fd: openSync(path.join(dir, "pg_wal", name), "r") };
      // A new segment is a new directory entry: make that durable too.
      syncFile(path.join(dir, "pg_wal"));
    }
    fdatasyncSync(current.fd);
    return true;
  };
}

// PGlite runs no autovacuum, so nothing refreshes the planner's statistics: tables keep the figures of
// the empty database they started as, and plans cached for a connection (foreign-key checks, PL/pgSQL)
// stay sequential scans as tables grow — importing 1,000 notices in one process went quadratic (99 s,
// 41 s with statistics refreshed). ANALYZE runs after ANALYZE_AFTER_WRITES write transactions, at most
// every ANALYZE_MIN_INTERVAL_MS (it takes about a second at 100k measures).
const ANALYZE_AFTER_WRITES = 100;
const ANALYZE_MIN_INTERVAL_MS = 30_000;

/** Counts write transactions and runs ANALYZE in the background when due; `settle` waits for it. */
function createAnalyzeScheduler(run: () => Promise<unknown>): { noteWrite(): void; settle(): Promise<void> } {
  let writes = 0;
  let lastAt = 0;
  let running: Promise<void> | null = null;
  return {
    noteWrite() {
      writes += 1;
      if (running || writes < ANALYZE_AFTER_WRITES || Date.now() - lastAt < ANALYZE_MIN_INTERVAL_MS) return;
      writes = 0;
      lastAt = Date.now();
      // Statistics are an optimisation: a failure here must never fail the write that triggered it.
      running = run()
        .then(() => undefined, () => undefined)
        .finally(() => {
          running = null;
        });
    },
    async settle() {
      await running;
    },
  };
}

/** Opens PGlite on a directory; a new directory starts as a copy of the install-time template when there is one. */
async function createPgliteInDir(dir: string, fromTemplate: boolean): Promise<PGlite> {
  // Drivers load on first use: a PostgreSQL deployment never loads PGlite, nor the embedded one pg.
  const { PGlite } = await import("@electric-sql/pglite");
  // PostgreSQL's own fsync is switched on (PGlite starts with -F, off): free today, as the file
  // layer ignores it, and right the day it does not.
  const options = { ...pgliteOptions(), startParams: PGlite.defaultStartParams.filter((param) => param !== "-F") };
  if (fromTemplate && copyPgliteTemplateTo(dir)) {
    try {
      return await PGlite.create(dir, options);
    } catch {
      // A template from another PGlite build: start over with initdb below.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }
  return PGlite.create(dir, options);
}

/** Opens (creating if needed) the embedded database in `dataDir/pglite`, holding the directory lock while open. */
export async function openPglite(dataDir: string, options: { sync?: PgliteSync; fromTemplate?: boolean } = {}): Promise<Database> {
  const dir = path.join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  const sync = options.sync ?? "commit";
  // Files older than this (with a margin for coarse file-system clocks) were synced when last closed.
  const openedAt = Date.now() - 2000;
  try {
    const db = await createPgliteInDir(dir, options.fromTemplate ?? true);
    await db.exec("set time zone 'UTC'");
    const wrapped = wrapPglite(db);
    const syncWal = createWalSync(db, dir, sync === "commit");
    const analyze = createAnalyzeScheduler(() => db.exec("analyze"));
    const afterCommit = async (): Promise<void> => {
      if (await syncWal()) analyze.noteWrite();
    };
    return {
      ...wrapped,
      async exec(sql) {
        await wrapped.exec(sql);
        await afterCommit();
      },
      async transaction(fn) {
        const result = await wrapped.transaction(fn);
        await afterCommit();
        return result;
      },
      async close() {
        try {
          await analyze.settle();
          await wrapped.close();
          if (sync === "commit") syncDirectoryTree(dir, openedAt);
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// Errors that mean "the database is not reachable right now", not "this request is wrong":
// refused or dropped connections, a server shutting down or starting, too many connections.
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN", "ENETUNREACH",
  "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006",
]);
const CONNECTION_ERROR_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|not queryable|ended by the server/i;

/** True when an error says the PostgreSQL server is unreachable (as opposed to a bad statement). */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && CONNECTION_ERROR_MESSAGES.test(message);
}

/** The error a request gets while PostgreSQL is away: 503 with a Chinese message; the cause goes to the log. */
function unavailable(error: unknown, onConnectionError: (error: unknown) => void): AppError {
  onConnectionError(error);
  return new AppError("SERVICE_UNAVAILABLE", "数据库暂时无法连接，请稍后重试（服务会在数据库恢复后自动重连）");
}

/** Options of a PostgreSQL connection pool. */
export interface PostgresOptions {
  /** Called (for the log) when a connection drops or cannot be made; the pool replaces connections by itself. */
  onConnectionError?: (error: unknown) => void;
}

function logConnectionError(error: unknown): void {
  process.stderr.write(`[zhenggai] 数据库连接异常：${error instanceof Error ? error.message : String(error)}\n`);
}

/**
 * Connects to a PostgreSQL server. The pool survives the server going away: dropped connections
 * are logged and replaced, queries meanwhile fail with SERVICE_UNAVAILABLE (503), and the next
 * query after the server returns opens a fresh connection — no restart needed.
 */
export async function openPostgres(url: string, maxConnections = 10, options: PostgresOptions = {}): Promise<Database> {
  const onConnectionError = options.onConnectionError ?? logConnectionError;
  const { default: pg } = await import("pg");
  const pgTypes = {
    getTypeParser(oid: number, format?: string) {
      const parser = PARSERS[oid];
      if (parser && format !== "binary") return parser;
      return pg.types.getTypeParser(oid, format as "text");
    },
  };
  // The session time zone is set at connection start (startup option), before any query runs.
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: pgTypes as pg.CustomTypesConfig,
    options: "-c TimeZone=UTC",
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // WARNING: without this listener an idle connection killed by the server (restart,
  // pg_terminate_backend) raises an unhandled 'error' event and ends the whole process.
  pool.on("error", (error) => onConnectionError(error));
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        const result = await q.query(sql, params as unknown[]);
        return result.rows as T[];
      } catch (error) {
        throw isConnectionError(error) ? unavailable(error, onConnectionError) : error;
      }
    },
  });
  let isClosed = false;
  const listeners: pg.Client[] = [];
  const listen = async (channel: string, onNotify: () => void): Promise<void> => {
    // One connection outside the pool per channel; reconnects (and reports a possible miss) on loss.
    const client = new pg.Client({ connectionString: url });
    let hasRetried = false;
    const retry = (): void => {
      if (hasRetried) return;
      hasRetried = true;
      onNotify();
      if (listeners.includes(client)) listeners.splice(listeners.indexOf(client), 1);
      if (!isClosed) setTimeout(() => void listen(channel, onNotify), 1000).unref();
    };
    client.on("notification", (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on("error", () => undefined);
    client.once("end", retry);
    listeners.push(client);
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      // Closed while connecting (a short CLI command), or the server is away: never an unhandled
      // rejection; while open, try again in a second (reporting a possible miss meanwhile).
      await client.end().catch(() => undefined);
      retry();
    }
  };
  return {
    kind: "postgres",
    ...asQueryable(pool),
    listen,
    async exec(sql) {
      try {
        await pool.query(sql);
      } catch (error) {
        throw isConnectionError(error) ? unavailable(error, onConnectionError) : error;
      }
    },
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw isConnectionError(error) ? unavailable(error, onConnectionError) : error;
      }
      // A checked-out connection that drops between two queries emits 'error' on the client.
      const onClientError = (error: Error): void => onConnectionError(error);
      client.on("error", onClientError);
      let broken: Error | undefined;
      try {
        await client.query("begin");
        const result = await fn(asQueryable(client));
        await client.query("commit");
        return result;
      } catch (error) {
        if (error instanceof AppError && error.code === "SERVICE_UNAVAILABLE") broken = error;
        else if (isConnectionError(error)) broken = error as Error;
        if (!broken) await client.query("rollback").catch(() => undefined);
        throw broken && !(broken instanceof AppError) ? unavailable(broken, onConnectionError) : error;
      } finally {
        client.off("error", onClientError);
        // A broken connection is destroyed rather than returned to the pool.
        client.release(broken);
      }
    },
    async close() {
      isClosed = true;
      await Promise.all(listeners.splice(0).map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

/** Opens the database the config asks for (`dbPoolSize` connections to a PostgreSQL server, default 10). */
export async function openDatabase(config: { databaseUrl: string | null; dataDir: string; pgliteSync?: PgliteSync; dbPoolSize?: number }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.dbPoolSize ?? 10) : openPglite(config.dataDir, { sync: config.pgliteSync });
}
