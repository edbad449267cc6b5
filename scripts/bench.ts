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
  /** Arguments after the benchmark's name (`npm run bench -- scale --quick` → ["--quick"]). */
  run(args: string[]): Promise<BenchResult[] | BenchReport>;
  /** Long benchmarks (crash, soak, scale) run only when named (`npm run bench -- scale`), not by a plain `npm run bench`. */
  onlyWhenNamed?: boolean;
}

/** A benchmark that renders its own Markdown section (tables wider than name/value/target). */
export interface BenchReport {
  results: BenchResult[];
  markdown: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [only, ...benchArgs] = process.argv.slice(2);
const dir = path.join(root, "scripts/bench");
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only))).sort();
const sections: { title: string; results: BenchResult[]; markdown?: string }[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchModule;
  if (mod.onlyWhenNamed && !only) continue;
  process.stdout.write(`▶ ${mod.title}\n`);
  const outcome = await mod.run(benchArgs);
  const results = Array.isArray(outcome) ? outcome : outcome.results;
  for (const r of results) {
    process.stdout.write(`  ${r.name}: ${r.value} ${r.unit}${r.target ? ` (目标 ${r.target}: ${r.isMet ? "达标" : "未达标"})` : ""}${r.note ? ` — ${r.note}` : ""}\n`);
  }
  sections.push({ title: mod.title, results, markdown: Array.isArray(outcome) ? undefined : outcome.markdown });
}
// A partial run (`npm run bench -- NAME`) keeps the other sections of BENCHMARKS.md as they were.
const previousPath = path.join(root, "BENCHMARKS.md");
if (only && existsSync(previousPath)) {
  const kept = readFileSync(previousPath, "utf8").split(/^## /m).slice(1).map((chunk) => {
    const [heading, ...body] = chunk.split("\n");
    return { title: heading.trim(), results: [] as BenchResult[], markdown: body.join("\n") };
  });
  for (const section of kept.filter((k) => !sections.some((s) => s.title === k.title)).reverse()) sections.unshift(section);
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
  if (s.markdown) {
    lines.push(`## ${s.title}`, "", s.markdown.trim(), "");
    continue;
  }
  lines.push(`## ${s.title}`, "", "| measure | value | target | met | note |", "|---|---|---|---|---|");
  for (const r of s.results) {
    lines.push(`| ${r.name} | ${r.value} ${r.unit} | ${r.target ?? ""} | ${r.target ? (r.isMet ? "yes" : "**no**") : ""} | ${r.note ?? ""} |`);
  }
  lines.push("");
}
writeFileSync(path.join(root, "BENCHMARKS.md"), `${lines.join("\n")}\n`);
