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
