import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type pg from "pg";
import { AppError } from "../errors.ts";
import { readPgliteTemplateFor } from "./pglite-template.ts";

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

function parseTimestamp(value: string): string {
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

/** Opens PGlite on a directory; a new directory starts from the install-time template when there is one. */
async function createPgliteInDir(dir: string): Promise<PGlite> {
  // Drivers load on first use: a PostgreSQL deployment never loads PGlite, nor the embedded one pg.
  const { PGlite } = await import("@electric-sql/pglite");
  const template = readPgliteTemplateFor(dir);
  if (template) {
    try {
      return await PGlite.create(dir, { ...pgliteOptions(), loadDataDir: template });
    } catch {
      // A template from another PGlite build: start over with initdb below.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }
  return PGlite.create(dir, pgliteOptions());
}

/** Opens (creating if needed) the embedded database in `dataDir/pglite`, holding the directory lock while open. */
export async function openPglite(dataDir: string): Promise<Database> {
  const dir = path.join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    const db = await createPgliteInDir(dir);
    await db.exec("set time zone 'UTC'");
    const wrapped = wrapPglite(db);
    return {
      ...wrapped,
      async close() {
        try {
          await wrapped.close();
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

/** Connects to a PostgreSQL server. */
export async function openPostgres(url: string, maxConnections = 10): Promise<Database> {
  const { default: pg } = await import("pg");
  const pgTypes = {
    getTypeParser(oid: number, format?: string) {
      const parser = PARSERS[oid];
      if (parser && format !== "binary") return parser;
      return pg.types.getTypeParser(oid, format as "text");
    },
  };
  // The session time zone is set at connection start (startup option), before any query runs.
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types: pgTypes as pg.CustomTypesConfig, options: "-c TimeZone=UTC" });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query(sql, params as unknown[]);
      return result.rows as T[];
    },
  });
  let isClosed = false;
  const listeners: pg.Client[] = [];
  const listen = async (channel: string, onNotify: () => void): Promise<void> => {
    // One connection outside the pool per channel; reconnects (and reports a possible miss) on loss.
    const client = new pg.Client({ connectionString: url });
    const retry = (): void => {
      onNotify();
      listeners.splice(listeners.indexOf(client), 1);
      if (!isClosed) setTimeout(() => void listen(channel, onNotify).catch(() => retry()), 1000).unref();
    };
    client.on("notification", (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on("error", () => undefined);
    client.once("end", retry);
    listeners.push(client);
    await client.connect();
    await client.query(`listen ${channel}`);
  };
  return {
    kind: "postgres",
    ...asQueryable(pool),
    listen,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(asQueryable(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
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
export async function openDatabase(config: { databaseUrl: string | null; dataDir: string; dbPoolSize?: number }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.dbPoolSize ?? 10) : openPglite(config.dataDir);
}
