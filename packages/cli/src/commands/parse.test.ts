import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { registerParseCommand } from "./parse.ts";
import { registerCheckCommand } from "./check.ts";
import { runCommand, type CommandRun } from "../test/run-command.ts";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../core/src/parser/fixtures");
const fixture = (name: string) => path.join(fixtures, name);

function run(args: string[]): Promise<CommandRun> {
  return runCommand([registerParseCommand, registerCheckCommand], args);
}

afterEach(() => {
  process.exitCode = 0;
});

describe("zhenggai parse / check", () => {
  it("prints one JSON object for one file, on stdout only", async () => {
    const { stdout, stderr, exitCode } = await run(["parse", fixture("songlin-water.md"), "--json"]);
    expect(exitCode).toBe(0);
    expect(stderr).toBe("");
    const notice = JSON.parse(stdout);
    expect(notice.schemaVersion).toBe(1);
    expect(notice.source).toEqual({ file: "songlin-water.md", format: "md" });
    expect(notice.categories).toHaveLength(2);
  });

  it("prints a JSON array for several files", async () => {
    const { stdout } = await run(["parse", fixture("songlin-water.md"), fixture("hexi-street.txt"), "--json"]);
    const notices = JSON.parse(stdout);
    expect(Array.isArray(notices)).toBe(true);
    expect(notices.map((notice: { source: { file: string } }) => notice.source.file)).toEqual(["songlin-water.md", "hexi-street.txt"]);
  });

  it("prints a Chinese summary without --json", async () => {
    const { stdout } = await run(["parse", fixture("hexi-street.txt")]);
    expect(stdout).toContain("问题：4个（分2类）");
  });

  it("reports a missing file on stderr with a non-zero exit code and still prints the others", async () => {
    const { stdout, stderr, exitCode } = await run(["parse", fixture("songlin-water.md"), "no-such-file.txt", "--json"]);
    expect(exitCode).not.toBe(0);
    expect(stderr).toContain("文件不存在");
    expect(JSON.parse(stdout)).toHaveLength(1);
  });

  it("rejects an unsupported file type", async () => {
    const { stderr, exitCode } = await run(["parse", fixture("shared-files.ts")]);
    expect(exitCode).not.toBe(0);
    expect(stderr).toContain("UNSUPPORTED_FILE");
  });

  it("prints a readable Chinese report of the findings", async () => {
    const { stdout, exitCode } = await run(["check", fixture("songlin-water.md")]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain("编号重复（NUMBERING_DUPLICATE）");
    expect(stdout).toContain("涉及问题序号：4、5");
  });

  it("exits non-zero with --strict when an error-level finding is present", async () => {
    const { exitCode } = await run(["check", "--strict", fixture("qinghe-culture-pdf.txt")]);
    expect(exitCode).toBe(1);
  });
});
