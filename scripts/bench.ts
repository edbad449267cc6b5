// `npm run bench`: runs every benchmark in scripts/bench/, writes bench-results/latest.json
// and rewrites BENCHMARKS.md. Benchmarks report ratios against a baseline measured in the same run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** One measured figure. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Target as text, e.g. "≥ 5 MB/s"; omitted when there is none. */
  target?: string;
  isMet?: boolean;
  note?: string;
}

/** A benchmark module exports `run(): Promise<BenchResult[]>` and a `title`. */
export interface BenchModule {
  title: string;
  run(): Promise<BenchResult[]>;
  /** Long-running benchmarks (crash, soak) run only when named: `npm run bench -- crash`. */
  isOnDemand?: boolean;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv[2];
const dir = path.join(root, "scripts/bench");
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only))).sort();
const sections: { title: string; results: BenchResult[] }[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchModule;
  if (mod.isOnDemand && !only) continue;
  process.stdout.write(`▶ ${mod.title}\n`);
  const results = await mod.run();
  for (const r of results) {
    process.stdout.write(`  ${r.name}: ${r.value} ${r.unit}${r.target ? ` (目标 ${r.target}: ${r.isMet ? "达标" : "未达标"})` : ""}${r.note ? ` — ${r.note}` : ""}\n`);
  }
  sections.push({ title: mod.title, results });
}
mkdirSync(path.join(root, "bench-results"), { recursive: true });
const stamp = new Date().toISOString();
writeFileSync(path.join(root, "bench-results/latest.json"), JSON.stringify({ at: stamp, node: process.version, sections }, null, 2));
const lines = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench\` on ${stamp} (Node ${process.version}, ${process.platform}). Machines here are noisy:`,
  "read ratios against the same-run baseline, not absolute times.",
  "",
];
for (const s of sections) {
  lines.push(`## ${s.title}`, "", "| measure | value | target | met | note |", "|---|---|---|---|---|");
  for (const r of s.results) {
    lines.push(`| ${r.name} | ${r.value} ${r.unit} | ${r.target ?? ""} | ${r.target ? (r.isMet ? "yes" : "**no**") : ""} | ${r.note ?? ""} |`);
  }
  lines.push("");
}
// A run of some benchmarks only (`npm run bench -- crash`) keeps the other sections of BENCHMARKS.md.
if (only && existsSync(path.join(root, "BENCHMARKS.md"))) {
  const titles = new Set(sections.map((s) => s.title));
  const kept = readFileSync(path.join(root, "BENCHMARKS.md"), "utf8").split(/\n(?=## )/).slice(1).filter((block) => !titles.has(block.slice(3, block.indexOf("\n")).trim()));
  for (const block of kept) lines.push(block.trimEnd(), "");
}
writeFileSync(path.join(root, "BENCHMARKS.md"), `${lines.join("\n")}\n`);
