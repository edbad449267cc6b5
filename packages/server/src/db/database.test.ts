import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, openPglite } from "./database.ts";

let dir: string;

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("embedded database directory lock", () => {
  it("refuses a second holder while the first process is alive, in Chinese", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zg-lock-"));
    // Pretend the lock belongs to another live process: our parent.
    writeFileSync(path.join(dir, "pglite.lock"), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(/正被另一个进程/);
  });

  it("takes over a lock left by a dead process and releases it", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zg-lock-"));
    writeFileSync(path.join(dir, "pglite.lock"), "999999999");
    const release = acquireDataDirLock(dir);
    release();
    const again = acquireDataDirLock(dir);
    again();
  });
});

describe("embedded database durability setting", () => {
  it("keeps committed writes across a reopen with the default WAL sync, PostgreSQL's fsync on", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zg-sync-"));
    const first = await openPglite(dir);
    expect((await first.query<{ fsync: string }>("show fsync"))[0].fsync).toBe("on");
    await first.exec("create table t (id int primary key, v text)");
    for (let i = 1; i <= 20; i += 1) await first.transaction((tx) => tx.query("insert into t values ($1, $2)", [i, `行${i}`]));
    await first.close();
    const second = await openPglite(dir, { sync: "off" });
    expect((await second.query<{ n: number }>("select count(*) as n from t"))[0].n).toBe(20);
    await second.close();
  });
});

describe("embedded database statistics (PGlite runs no autovacuum)", () => {
  it("refreshes the planner's statistics after a hundred write transactions, not after reads", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "zg-analyze-"));
    const db = await openPglite(dir, { sync: "off" });
    const reltuples = async (): Promise<number> => Number((await db.query<{ n: number }>("select reltuples::int as n from pg_class where relname = 't'"))[0].n);
    await db.exec("create table t (id int primary key, v text)");
    const before = await reltuples();
    for (let i = 0; i < 150; i += 1) await db.transaction((tx) => tx.query("select count(*) from t"));
    expect(await reltuples(), "read-only transactions do not count").toBe(before);
    for (let i = 1; i <= 50; i += 1) await db.transaction((tx) => tx.query("insert into t values ($1, 'x')", [i]));
    expect(await reltuples(), "not after fifty writes").toBe(before);
    for (let i = 51; i <= 120; i += 1) await db.transaction((tx) => tx.query("insert into t values ($1, 'x')", [i]));
    await db.close();
    const again = await openPglite(dir, { sync: "off" });
    try {
      // ANALYZE ran in the background once a hundred writes had committed, and close waited for it.
      expect(Number((await again.query<{ n: number }>("select reltuples::int as n from pg_class where relname = 't'"))[0].n)).toBeGreaterThan(50);
    } finally {
      await again.close();
    }
  });
});
