// Parser throughput and linearity on a generated corpus of synthetic notices (our own text, several layouts).
import { performance } from "node:perf_hooks";
import { parseNotice } from "../../packages/core/src/parser/index.ts";
import type { BenchResult } from "../bench.ts";

/** Title shown by `npm run bench`. */
export const title = "通报解析（parseNotice）";

const UNITS = ["县农业农村局", "县市场监管局", "县自然资源局", "县民政局", "县人社局", "县住建局", "县商务局", "县统计局"];
const TOPICS = ["项目资金监管", "干部队伍建设", "意识形态工作", "基层党组织建设", "作风建设", "政府采购管理", "执法规范化", "档案管理"];
const FAULTS = ["不到位", "不够有力", "存在短板", "落实不严", "流于形式", "有差距"];
const STATUSES = ["已完成", "阶段性完成", "已整改，长期坚持", "整改推进中"];

function pick<T>(list: readonly T[], seed: number): T {
  return list[seed % list.length];
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join("\n\n");
}

function makeProblem(seq: number, style: number): string {
  const title = `${pick(TOPICS, seq)}${pick(FAULTS, seq * 7)}`;
  const measures = `一是制定${pick(TOPICS, seq + 3)}工作方案，明确责任股室和完成时限，开展专项检查${seq % 9 + 2}次。二是修订管理办法（示文〔2024〕${seq % 90 + 1}号），清退违规资金 ${(seq % 50) + 1}.5 万元。三是建立长效机制，每季度开展一次回头看，确保问题不反弹。`;
  const status = pick(STATUSES, seq * 3);
  switch (style % 3) {
    case 0:
      return wrap(`${seq}.反馈问题：${title}。一是制度执行不严。二是监督检查不够。`, 28) + `\n\n整改结果：${status}\n\n` + wrap(`整改情况：${measures}`, 28) + (status === "阶段性完成" ? `\n\n整改计划：力争年底前全面完成。` : "");
    case 1:
      return `#### **问题${seq}：${title}**\n\n**整改措施：**${measures}\n\n**整改结果：**${status}`;
    default:
      return `${seq}.${title}。${measures}（${status === "整改推进中" ? "阶段性完成" : "已完成"}）`;
  }
}

/** Builds one synthetic notice with the given number of problems in the given layout style. */
export function makeNotice(index: number, problems: number, style = index): string {
  const unit = pick(UNITS, index);
  const parts = [
    `中共${unit}党组`,
    `关于巡察整改进展情况的通报`,
    `2024年3月${(index % 20) + 1}日至5月${(index % 25) + 1}日，县委第${(index % 5) + 1}巡察组对${unit}党组开展了巡察，6月${(index % 28) + 1}日反馈了意见。`,
    `一、整改总体情况`,
    `截至2024年9月30日，巡察反馈的${problems}个问题已完成整改${problems - 2}个，阶段性完成2个；追责问责${index % 7}人，其中诫勉${index % 3}人。`,
    `二、问题整改情况`,
    `（一）政治建设方面`,
  ];
  for (let seq = 1; seq <= problems; seq++) {
    if (seq === Math.floor(problems / 2) + 1) parts.push(`（二）作风建设方面`);
    parts.push(makeProblem(seq, style));
  }
  parts.push(`三、下一步工作`, `1.持续巩固整改成果。`, `2.健全长效机制。`, `欢迎监督。联系电话：0871-${String(6_000_000 + index).slice(0, 7)}。`, `中共${unit}党组`, `2024年10月${(index % 28) + 1}日`);
  return parts.join("\n\n");
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function timeParse(texts: string[]): number {
  const start = performance.now();
  for (const text of texts) parseNotice(text);
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Measures parse throughput (MB/s) on ~8 MB of notices and the time ratio of a 4× larger single notice. */
export async function run(): Promise<BenchResult[]> {
  const corpus: string[] = [];
  let bytes = 0;
  for (let index = 0; bytes < 8_000_000; index++) {
    const text = makeNotice(index, 20 + (index % 40));
    corpus.push(text);
    bytes += byteLength(text);
  }
  timeParse(corpus.slice(0, 20));
  // Median of three passes over the whole corpus: one pass is at the mercy of whatever else the
  // two cores are doing at that moment.
  const passes = [timeParse(corpus), timeParse(corpus), timeParse(corpus)];
  const elapsed = median(passes);
  const throughput = bytes / 1_000_000 / (elapsed / 1000);

  const small = makeNotice(1, 600, 0);
  const large = makeNotice(1, 2400, 0);
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    smallTimes.push(timeParse([small]));
    largeTimes.push(timeParse([large]));
  }
  const sizeRatio = byteLength(large) / byteLength(small);
  const timeRatio = median(largeTimes) / median(smallTimes);
  return [
    { name: "语料规模", value: Math.round((bytes / 1_000_000) * 100) / 100, unit: "MB", note: `${corpus.length} 份合成通报` },
    {
      name: "解析吞吐量（三遍中位数）",
      value: Math.round(throughput * 100) / 100,
      unit: "MB/s",
      target: "≥ 5 MB/s",
      isMet: throughput >= 5,
      note: `各遍：${passes.map((ms) => (bytes / 1000 / ms).toFixed(2)).join(" / ")} MB/s`,
    },
    {
      name: "线性度（4 倍输入的耗时比）",
      value: Math.round(timeRatio * 100) / 100,
      unit: "倍",
      target: "≈ 4（≤ 6）",
      isMet: timeRatio <= 6,
      note: `输入大小比 ${sizeRatio.toFixed(2)}，单份 ${(byteLength(small) / 1_000_000).toFixed(2)} MB 对 ${(byteLength(large) / 1_000_000).toFixed(2)} MB`,
    },
  ];
}
