// Targets and the Markdown of the scale benchmark.
import type { LoadResult } from "./load.ts";
import type { ScenarioResult } from "./scenarios.ts";

/** Everything one engine at one scale measured. */
export interface ScaleRun {
  engine: "pglite" | "postgres";
  measures: number;
  generatedSeconds: number | null;
  serverStartSeconds: number;
  rssAfterStartMb: number;
  rssPeakMb: number;
  poolSize: string;
  scenarios: ScenarioResult[];
  healthDuringExports: { alone: LoadResult; duringExports: LoadResult; exportsDone: number } | null;
  noticeImport: { notices: number; seconds: number; rounds: number } | null;
}

/** The whole report. */
export interface ScaleReport {
  at: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGb: number; loadAverage: number[]; node: string; platform: string };
  runs: ScaleRun[];
}

/** One target check. */
export interface TargetCheck {
  engine: ScaleRun["engine"];
  measures: number;
  what: string;
  target: string;
  value: string;
  isMet: boolean;
}

const levelAt = (scenario: ScenarioResult, connections: number) => scenario.levels.find((l) => l.connections === connections);
const ms = (value: number): string => (Number.isNaN(value) ? "—" : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const pct = (value: number): string => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;

/** Checks the issue's targets where a run is at the scale they are set for. */
export function checkTargets(run: ScaleRun): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const base = { engine: run.engine, measures: run.measures };
  const ledger = run.scenarios.filter((s) => s.kind === "ledger");
  const rollup = run.scenarios.find((s) => s.kind === "rollup");
  if (run.engine === "pglite" && run.measures >= 100_000) {
    for (const s of ledger) {
      const level = levelAt(s, 10);
      if (level) checks.push({ ...base, what: `${s.name}, 10 conns p99`, target: "≤ 50 ms", value: ms(level.p99), isMet: level.p99 <= 50 && level.timeouts === 0 });
    }
    if (rollup) {
      const level = levelAt(rollup, 1);
      if (level) checks.push({ ...base, what: `${rollup.name}, 1 conn p50`, target: "≤ 300 ms", value: ms(level.p50), isMet: level.p50 <= 300 });
    }
    checks.push({ ...base, what: "server RSS (peak over the run)", target: "≤ 400 MB", value: `${run.rssPeakMb.toFixed(0)} MB`, isMet: run.rssPeakMb <= 400 });
    if (run.noticeImport && run.noticeImport.notices >= 1000) {
      checks.push({ ...base, what: `import of ${run.noticeImport.notices} notices (CLI, whole process)`, target: "≤ 60 s", value: `${run.noticeImport.seconds.toFixed(1)} s`, isMet: run.noticeImport.seconds <= 60 });
    }
  }
  if (run.engine === "postgres" && run.measures >= 1_000_000) {
    for (const s of ledger) {
      const level = levelAt(s, 50);
      if (!level) continue;
      checks.push({ ...base, what: `${s.name}, 50 conns p99`, target: "≤ 30 ms", value: ms(level.p99), isMet: level.p99 <= 30 && level.timeouts === 0 });
      checks.push({ ...base, what: `${s.name}, 50 conns throughput vs /api/health`, target: "≥ 25%", value: pct(level.ratio), isMet: level.ratio >= 0.25 });
    }
    if (rollup) {
      const level = levelAt(rollup, 1);
      if (level) checks.push({ ...base, what: `${rollup.name}, 1 conn p50`, target: "≤ 200 ms", value: ms(level.p50), isMet: level.p50 <= 200 });
    }
  }
  return checks;
}

function cell(load: LoadResult | undefined, ratio: number | null): string {
  if (!load) return "";
  const extra = [load.timeouts ? `${load.timeouts} timeouts` : "", load.errors ? `${load.errors} errors` : ""].filter(Boolean).join(", ");
  const throughput = ratio === null ? ` · ${load.rps.toFixed(load.rps < 10 ? 1 : 0)}/s` : ` · ${load.rps.toFixed(load.rps < 10 ? 1 : 0)}/s (${pct(ratio)})`;
  return `${ms(load.p50)} / ${ms(load.p99)}${load.connections > 1 ? throughput : ""}${extra ? ` · ${extra}` : ""}`;
}

function engineLabel(run: Pick<ScaleRun, "engine" | "measures">): string {
  return `${run.engine === "pglite" ? "PGlite (embedded)" : "PostgreSQL"}, ${run.measures.toLocaleString("en-US")} measures`;
}

/** Renders the section: machine, per-run tables, targets, and the before/after comparison. */
export function renderScaleMarkdown(report: ScaleReport, before: ScaleReport | null): string {
  const m = report.machine;
  const lines = [
    `Run ${report.at}${report.quick ? " (--quick)" : ""} on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, load average at start ${m.loadAverage.map((l) => l.toFixed(1)).join(" / ")}, Node ${m.node}, ${m.platform}.`,
    "The machine is shared with other agents, so absolute times drift: each HTTP figure is measured right after `/api/health`",
    "on the same server at the same concurrency, and the ratio (throughput as a share of health's) is the figure to compare.",
    "Cells: p50 / p99 latency · requests per second (share of /api/health). The app runs as `zhenggai serve` (compiled CLI),",
    "logged in as an administrator of the whole tree; the load generator is a closed loop of keep-alive connections.",
    "",
  ];
  for (const run of report.runs) {
    lines.push(
      `### ${engineLabel(run)}`,
      "",
      `Server: started in ${run.serverStartSeconds.toFixed(1)} s, RSS ${run.rssAfterStartMb.toFixed(0)} MB after start, peak ${run.rssPeakMb.toFixed(0)} MB over the run; pool ${run.poolSize}.` +
        (run.generatedSeconds !== null ? ` Dataset generated in this run in ${run.generatedSeconds.toFixed(0)} s (\`zhenggai demo --scale ${run.measures}\`).` : ""),
      "",
      "| scenario | first request | 1 conn | 10 conns | 50 conns |",
      "|---|---|---|---|---|",
    );
    for (const s of run.scenarios) {
      const at = (n: number) => levelAt(s, n);
      const ten = at(10) ?? at(4);
      lines.push(`| ${s.name}${s.note ? ` (${s.note})` : ""}${ten && ten.connections === 4 ? " (4 conns in the 10 column)" : ""} | ${s.coldMs === undefined ? "" : ms(s.coldMs)} | ${cell(at(1), null)} | ${cell(ten, ten?.ratio ?? null)} | ${cell(at(50), at(50)?.ratio ?? null)} |`);
    }
    const first = run.scenarios[0];
    if (first) {
      const h = (n: number) => levelAt(first, n)?.health;
      lines.push(`| /api/health (baseline before the first scenario) | | ${cell(h(1), null)} | ${cell(h(10), null)} | ${cell(h(50), null)} |`);
    }
    lines.push("");
    if (run.healthDuringExports) {
      const h = run.healthDuringExports;
      lines.push(`/api/health at 10 connections while PDF exports of a round run back to back: p99 ${ms(h.duringExports.p99)} (max ${ms(h.duringExports.max)}) against ${ms(h.alone.p99)} alone; ${h.exportsDone} exports finished meanwhile.`, "");
    }
    if (run.noticeImport) {
      lines.push(`Import of ${run.noticeImport.notices} notices with \`zhenggai import FILES… --org ID\` (whole process, ${run.noticeImport.rounds} rounds created): ${run.noticeImport.seconds.toFixed(1)} s.`, "");
    }
  }
  const checks = report.runs.flatMap(checkTargets);
  if (checks.length > 0) {
    lines.push("### Targets", "", "| engine | measure | target | measured | met |", "|---|---|---|---|---|");
    for (const c of checks) lines.push(`| ${engineLabel(c)} | ${c.what} | ${c.target} | ${c.value} | ${c.isMet ? "yes" : "**no**"} |`);
    lines.push("");
  } else {
    lines.push("Targets are set for PGlite at 100k and PostgreSQL at 1M measures; this run is smaller, so none is checked.", "");
  }
  if (before) {
    lines.push(
      "### Before and after the query work",
      "",
      `Before: the same benchmark on the code before the query changes (${before.at}). p99 at 10 / 50 connections and the share of /api/health.`,
      "",
      "| engine | scenario | before: 10 conns | after: 10 conns | before: 50 conns | after: 50 conns |",
      "|---|---|---|---|---|---|",
    );
    for (const run of report.runs) {
      const old = before.runs.find((r) => r.engine === run.engine && r.measures === run.measures);
      if (!old) continue;
      for (const s of run.scenarios) {
        const o = old.scenarios.find((x) => x.key === s.key);
        if (!o) continue;
        const c = (scenario: ScenarioResult, n: number): string => {
          const level = levelAt(scenario, n) ?? (n === 10 ? levelAt(scenario, 4) : undefined);
          return level ? `${ms(level.p99)} (${pct(level.ratio)})${level.timeouts ? `, ${level.timeouts} timeouts` : ""}` : "";
        };
        lines.push(`| ${engineLabel(run)} | ${s.name} | ${c(o, 10)} | ${c(s, 10)} | ${c(o, 50)} | ${c(s, 50)} |`);
      }
      lines.push(`| ${engineLabel(run)} | server RSS peak | ${old.rssPeakMb.toFixed(0)} MB | ${run.rssPeakMb.toFixed(0)} MB | | |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
