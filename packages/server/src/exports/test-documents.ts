// Fixtures for the writer tests: a fictional notice of 桐溪县教育局 built from a generated ledger.
import type { DocumentModel, NoticeTexts } from "@zhenggai/core";
import { buildNoticeDocument, buildNoticeModelFromLedger, createSampleLedgerSnapshot } from "@zhenggai/core";

/** Editable texts of the fictional notice. */
export const SAMPLE_NOTICE_TEXTS: NoticeTexts = {
  organisation: [
    "局党组把巡察整改作为重大政治任务，成立由党组书记任组长的整改工作领导小组，制定整改方案，建立问题、任务、责任三张清单。",
    "党组主要负责人履行第一责任人责任，多次召开专题会议调度整改进度，班子成员按分工抓好分管领域问题整改。",
  ],
  nextSteps: [
    "1.持续压实整改责任。对阶段性完成和正在推进的问题紧盯不放，按月调度，确保按期销号。",
    "2.健全长效机制。把整改成果转化为制度规范，防止问题反弹回潮。",
  ],
  contacts: { phones: ["0000-7654321"], emails: ["zhenggai@tongxi.example"], postal: ["桐溪县文昌路1号县教育局整改办"] },
  publicPeriod: { start: "2025-07-01", end: "2025-07-10" },
  date: "2025-07-01",
};

/** Builds the fictional notice document with the given number of findings. */
export function createSampleNoticeDocument(findings = 12, seed = 7): DocumentModel {
  const snapshot = createSampleLedgerSnapshot({ findings, seed });
  return buildNoticeDocument(buildNoticeModelFromLedger(snapshot, SAMPLE_NOTICE_TEXTS));
}
