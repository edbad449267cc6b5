import type { DocumentBlock, DocumentModel } from "./document-model.ts";
import { createParagraph, formatHeadingNumber } from "./document-model.ts";
import { formatChineseDate } from "./format.ts";
import type { LedgerSnapshot } from "./ledger-snapshot.ts";
import type { NoticeFigures } from "./notice-figures.ts";
import { computeNoticeFigures, formatFiguresSentence } from "./notice-figures.ts";
import { splitTitleLines } from "./notice-model.ts";

/** A section of the principal's report: heading, the facts we can fill in, and prompts for what the author must write. */
export interface PrincipalReportSection {
  heading: string;
  /** Paragraphs generated from the ledger. */
  facts: string[];
  /** Placeholders the principal replaces with their own account (printed in brackets). */
  prompts: string[];
}

/** Skeleton of the 主要负责人组织落实巡察整改情况报告 (report of the unit's principal on organising rectification). */
export interface PrincipalReportModel {
  title: string;
  /** The unit's Party organisation, printed as the title's first line. */
  issuer: string;
  addressee: string;
  opening: string;
  figures: NoticeFigures;
  sections: PrincipalReportSection[];
  /** Signature lines: the principal's post and name placeholder, then the date. */
  signature: string[];
}

/** Builds the principal's report skeleton from a ledger snapshot: figures filled in, narrative left as prompts. */
export function buildPrincipalReportModel(snapshot: LedgerSnapshot, options: { date?: string | null } = {}): PrincipalReportModel {
  const partyOrg = snapshot.org.partyOrgName ?? snapshot.org.name;
  const group = snapshot.inspection.groupName ?? "巡察组";
  const figures = computeNoticeFigures(snapshot);
  const overdue = snapshot.findings.filter((finding) => finding.status === "not_completed").map((finding) => finding.title);
  const rules = snapshot.registers.rules.map((rule) => `《${rule.title}》${rule.docNumber ? `（${rule.docNumber}）` : ""}`);
  const leaders = [...new Set(snapshot.findings.map((finding) => finding.leadLeader).filter((name): name is string => !!name))];
  return {
    title: `${partyOrg}主要负责人关于组织落实${group}巡察反馈意见整改情况的报告`,
    issuer: partyOrg,
    addressee: `${snapshot.inspection.level ?? ""}巡察工作领导小组办公室：`,
    opening: `按照巡察整改工作有关要求，本人作为${partyOrg.replace(/^中共/, "")}主要负责人，现将组织落实${group}巡察反馈意见整改情况报告如下。`,
    figures,
    sections: [
      {
        heading: "履行整改第一责任人职责情况",
        facts: leaders.length > 0 ? [`整改任务分解落实到${leaders.length}名班子成员：${leaders.join("、")}。`] : [],
        prompts: ["（请填写：主持召开专题会议研究部署整改的次数、时间和主要内容）", "（请填写：带头领办的重点问题及推进情况）"],
      },
      {
        heading: "组织推进整改的主要做法",
        facts: rules.length > 0 ? [`建立完善制度${rules.length}项：${rules.join("、")}。`] : [],
        prompts: ["（请填写：工作专班、督查督办、对账销号等推进机制）"],
      },
      {
        heading: "整改工作取得的成效",
        facts: [formatFiguresSentence(figures, { level: snapshot.inspection.level }) ?? ""].filter((text) => text !== ""),
        prompts: ["（请填写：以整改促进中心工作的具体成效）"],
      },
      {
        heading: "存在的不足和下一步打算",
        facts: overdue.length > 0 ? [`尚有${overdue.length}个问题未按期完成整改：${overdue.join("；")}。`] : [],
        prompts: ["（请填写：未完成问题的原因分析、整改计划和完成时限）"],
      },
    ],
    signature: [`${partyOrg.replace(/^中共/, "")}主要负责人：（签名）`, formatChineseDate(options.date ?? snapshot.asOf)],
  };
}

/** Lays the principal's report skeleton out as a document. */
export function buildPrincipalReportDocument(report: PrincipalReportModel): DocumentModel {
  const blocks: DocumentBlock[] = [
    { kind: "title", lines: splitTitleLines(report.title, report.issuer) },
    createParagraph(report.addressee, { isIndented: false, align: "left" }),
    createParagraph(report.opening),
  ];
  report.sections.forEach((section, index) => {
    blocks.push({ kind: "heading", level: 1, number: formatHeadingNumber(1, index + 1), text: section.heading });
    for (const fact of section.facts) blocks.push(createParagraph(fact));
    for (const prompt of section.prompts) blocks.push(createParagraph(prompt));
  });
  blocks.push({ kind: "signature", lines: report.signature.filter((line) => line !== "") });
  return { title: report.title, blocks };
}
