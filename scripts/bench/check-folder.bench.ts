// `zhenggai check` over a folder of 100 generated notices (three layouts and feedback news without a
// problem list), as a 巡察办 runs it over every unit's published notice: wall time of the real command,
// start-up included, and the time of the same checks in-process for comparison.
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { analyzeNotice } from "../../packages/core/src/parser/index.ts";
import { generateNotice } from "../../packages/core/src/parser/fixtures/notice-factory.ts";
import type { BenchResult } from "../bench.ts";

/** Title shown by `npm run bench`. */
export const title = "通报目录检查（zhenggai check，100 份）";

const NOTICES = 100;
const RUNS = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Measures the wall time of `zhenggai check DIR --format xlsx -o OUT` on 100 generated notices (median of three runs). */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-bench-check-"));
  try {
    const folder = path.join(dir, "notices");
    mkdirSync(folder);
    const texts = Array.from({ length: NOTICES }, (_, index) => generateNotice(index));
    texts.forEach((text, index) => writeFileSync(path.join(folder, `${String(index).padStart(3, "0")}.txt`), text));
    const output = path.join(dir, "summary.xlsx");
    const times: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, [path.join(root, "packages/cli/bin/zhenggai.js"), "check", folder, "--format", "xlsx", "-o", output], { cwd: root, encoding: "utf8" });
      times.push(performance.now() - start);
      // Exit 1 is expected: the feedback news among the notices has no problem list (STRUCTURE_NOT_FOUND).
      if (result.status !== 0 && result.status !== 1) throw new Error(`zhenggai check failed: ${result.stderr}`);
    }
    const inProcess = performance.now();
    for (const text of texts) analyzeNotice(text);
    const inProcessMs = performance.now() - inProcess;
    const wall = median(times);
    return [
      { name: "检查 100 份通报的墙钟时间（命令行，含启动，三次中位数）", value: Math.round(wall) / 1000, unit: "s", note: `各次：${times.map((ms) => (ms / 1000).toFixed(2)).join(" / ")} s；汇总表 ${(statSync(output).size / 1024).toFixed(1)} KB` },
      { name: "同样 100 份在进程内解析和检查", value: Math.round(inProcessMs), unit: "ms", note: "不含文件读写和启动" },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
