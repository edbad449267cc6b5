// `zhenggai audit verify` names the entry someone edited behind the app's back, and `zhenggai
// backup` works while the server runs (on the embedded database, through the running server).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { openPglite, openPostgres, type Database } from "../../../server/src/db/database.ts";
import { createScratchDatabaseUrl } from "../../../server/src/test/test-database.ts";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/zhenggai.js");
let dataDir: string;
let scratch: { url: string | null; drop(): Promise<void> };
let server: ChildProcess | null = null;

function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ZG_DATA_DIR: dataDir, ZG_LOG_LEVEL: "silent", PORT: "0" };
  delete env.DATABASE_URL;
  if (scratch.url) env.DATABASE_URL = scratch.url;
  return env;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { env: environment(), encoding: "utf8", timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function openDirectly(): Promise<Database> {
  return scratch.url ? openPostgres(scratch.url, 1) : openPglite(dataDir);
}

/** Starts `zhenggai serve` and resolves once it prints its address. */
function startServer(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve"], { env: environment(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("已启动")) resolve(child);
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "zg-cli-maint-"));
  scratch = await createScratchDatabaseUrl(inject("testDbKind"));
  const demo = run(["demo"]);
  if (demo.status !== 0) throw new Error(demo.stderr);
});

afterAll(async () => {
  server?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

describe("audit verify and online backup from the command line", () => {
  let tamperedId = 0;

  it("finds an intact chain, then names the entry edited directly in the database", async () => {
    const intact = run(["audit", "verify"]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^审计链完整：共 \d+ 条记录/);

    const db = await openDirectly();
    try {
      // What someone with the database's owner rights (or the embedded database's files) could do.
      await db.exec("alter table audit_log disable trigger audit_log_no_update");
      const rows = await db.query<{ id: number }>(
        `update audit_log set after = jsonb_set(after, '{text}', '"改写过的内容"') where id = (select id from audit_log where action = 'create' order by id offset 10 limit 1) returning id`,
      );
      await db.exec("alter table audit_log enable trigger audit_log_no_update");
      tamperedId = rows[0].id;
    } finally {
      await db.close();
    }
    const broken = run(["audit", "verify", "--json"]);
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout).firstBroken).toMatchObject({ id: tamperedId, reason: "content_changed" });
  });

  it("backs up and verifies while the server runs, going through it on the embedded database", async () => {
    server = await startServer();
    if (!scratch.url) expect(existsSync(path.join(dataDir, "maintenance.json"))).toBe(true);
    const output = path.join(dataDir, "online.zip");
    const backup = run(["backup", "-o", output]);
    expect(backup.status, backup.stderr).toBe(0);
    if (!scratch.url) expect(backup.stdout).toContain("通过正在运行的服务");
    const zip = await JSZip.loadAsync(readFileSync(output));
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    expect(manifest.counts.measures).toBeGreaterThan(10);
    expect(manifest.sequences.measures).toBeGreaterThanOrEqual(manifest.counts.measures);

    const broken = run(["audit", "verify"]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`审计链在第 ${tamperedId} 条记录处断裂`);
    expect(broken.stdout).toContain("内容与其哈希不符");
    const head = run(["audit", "head"]);
    expect(head.stdout).toMatch(/^\d+\t[0-9a-f]{64}$/m);
  });
});
