import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "./database.ts";

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
