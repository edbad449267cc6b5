// Rendering a 30-finding progress notice as DOCX and as PDF, against Markdown of the same document
// rendered in the same run (a pure string walk, so the ratio shows the cost of each writer).
import { performance } from "node:perf_hooks";
import { buildNoticeDocument, buildNoticeModelFromLedger, createSampleLedgerSnapshot } from "@zhenggai/core";
import type { DocumentFormat } from "../../packages/server/src/exports/index.ts";
import { findCjkFonts, renderDocument } from "../../packages/server/src/exports/index.ts";
import type { BenchResult } from "../bench.ts";

/** Title of this benchmark in BENCHMARKS.md. */
export const title = "Documents: render a 30-finding notice";

const RUNS = 7;

const TEXTS = {
  organisation: ["局党组把巡察整改作为重大政治任务，成立整改工作领导小组，建立问题、任务、责任三张清单，逐项对账销号。"],
  nextSteps: ["持续压实整改责任，对未完成的问题按月调度，确保按期销号，防止问题反弹。"],
  contacts: { phones: ["0000-7654321"], emails: ["zhenggai@tongxi.example"], postal: ["桐溪县文昌路1号县教育局整改办"] },
  publicPeriod: { start: "2025-07-01", end: "2025-07-10" },
  date: "2025-07-01",
};

async function measureMedianMs(format: DocumentFormat, document: ReturnType<typeof buildNoticeDocument>): Promise<{ ms: number; bytes: number }> {
  let bytes = (await renderDocument(document, format)).byteLength; // warm-up: fonts, zip and module caches
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    bytes = (await renderDocument(document, format)).byteLength;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], bytes };
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Measures DOCX and PDF rendering of a 30-finding notice (median of 7 runs) and their ratio to Markdown. */
export async function run(): Promise<BenchResult[]> {
  const snapshot = createSampleLedgerSnapshot({ findings: 30, seed: 30 });
  const document = buildNoticeDocument(buildNoticeModelFromLedger(snapshot, TEXTS));
  const markdown = await measureMedianMs("md", document);
  const docx = await measureMedianMs("docx", document);
  const results: BenchResult[] = [
    { name: "Markdown (baseline), 30 findings", value: round(markdown.ms, 2), unit: "ms", note: `${markdown.bytes} bytes` },
    { name: "DOCX, 30 findings", value: round(docx.ms), unit: "ms", target: "≤ 1000 ms", isMet: docx.ms <= 1000, note: `${docx.bytes} bytes` },
    { name: "DOCX / Markdown", value: round(docx.ms / markdown.ms), unit: "×" },
  ];
  if (findCjkFonts()) {
    const pdf = await measureMedianMs("pdf", document);
    results.push(
      { name: "PDF, 30 findings", value: round(pdf.ms), unit: "ms", target: "≤ 3000 ms", isMet: pdf.ms <= 3000, note: `${pdf.bytes} bytes` },
      { name: "PDF / Markdown", value: round(pdf.ms / markdown.ms), unit: "×" },
    );
  } else {
    results.push({ name: "PDF, 30 findings", value: 0, unit: "ms", note: "skipped: no Noto CJK font (apt-get install fonts-noto-cjk)" });
  }
  return results;
}
