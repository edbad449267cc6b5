import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createScratchDatabaseUrl } from "../../../server/src/test/test-database.ts";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/zhenggai.js");
let dataDir: string;
let scratch: { url: string | null; drop(): Promise<void> };

function run(
  args: string[],
  input?: string,
  target: { dataDir: string; url: string | null } = { dataDir, url: scratch.url },
): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, ZG_DATA_DIR: target.dataDir, ZG_LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  if (target.url) env.DATABASE_URL = target.url;
  const result = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "zg-cli-"));
  scratch = await createScratchDatabaseUrl(inject("testDbKind"));
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

describe("zhenggai CLI (backbone commands)", () => {
  it("prints Chinese help listing every command, and help for each", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    for (const command of ["serve", "migrate", "user", "demo", "backup", "restore", "parse", "check", "render"]) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain("显示帮助");
    const userAdd = run(["user", "add", "--help"]);
    expect(userAdd.status).toBe(0);
    expect(userAdd.stdout).toContain("--admin");
  });

  it("migrates, then reports the schema is current", () => {
    const first = run(["migrate"]);
    expect(first.status, first.stderr).toBe(0);
    // An empty PostgreSQL database gets every migration; a new embedded data directory starts as a
    // copy of the install-time template, migrated already (CONTRIBUTING.md).
    if (scratch.url) expect(first.stdout).toContain("0001_init");
    else expect(first.stdout).toContain("无需迁移");
    const second = run(["migrate"]);
    expect(second.stdout).toContain("无需迁移");
  });

  it("adds the first administrator from stdin, refusing weak passwords with a Chinese error", () => {
    const weak = run(["user", "add", "--admin", "-u", "admin", "--password-stdin"], "short\n");
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain("VALIDATION_FAILED");
    expect(weak.stderr).toMatch(/密码长度/);
    const ok = run(["user", "add", "--admin", "-u", "admin", "-n", "管理员", "--password-stdin"], "Admin2026ok\n");
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("已创建用户 admin");
    const again = run(["user", "add", "--admin", "-u", "admin", "--password-stdin"], "Admin2026ok\n");
    expect(again.status).toBe(4);
    expect(again.stderr).toContain("已存在");
  });

  it("loads the demo once and prints one-time passwords", () => {
    const demo = run(["demo"]);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/demo_zgb\s+Demo[0-9a-f]{8}9/);
    const again = run(["demo"]);
    expect(again.status).toBe(4);
    expect(again.stderr).toContain("演示数据已经加载过了");
  });

  it("resets a password whose one-time demo password was missed", () => {
    const reset = run(["user", "reset-password", "-u", "demo_leader"]);
    expect(reset.status, reset.stderr).toBe(0);
    const temporary = reset.stdout.match(/临时密码：(\S+)/)?.[1] ?? "";
    expect(temporary).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{12}$/);
    expect(reset.stdout).toContain("下次登录须先修改密码");
    const unknown = run(["user", "reset-password", "-u", "nobody_here"]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain("用户不存在");
  });

  it("backs up and restores into an empty database, refusing a second restore", async () => {
    const archive = path.join(dataDir, "backup.zip");
    const backup = run(["backup", "-o", archive]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/个佐证材料文件/);
    const otherDir = mkdtempSync(path.join(os.tmpdir(), "zg-cli-restore-"));
    const other = await createScratchDatabaseUrl(inject("testDbKind"));
    try {
      const restored = run(["restore", archive], undefined, { dataDir: otherDir, url: other.url });
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toContain("文件校验通过");
      const again = run(["restore", archive], undefined, { dataDir: otherDir, url: other.url });
      expect(again.status).toBe(4);
      expect(again.stderr).toContain("只能恢复到空数据库");
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
      await other.drop();
    }
  });
});
