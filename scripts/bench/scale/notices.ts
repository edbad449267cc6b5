// Notice files for the import benchmark (and a 30 KB one for the CLI start-up benchmark): rendered
// as plain text from core's fictional sample ledgers, each a different round (group, dates, size).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildNoticeDocument, buildNoticeModelFromLedger, createSampleLedgerSnapshot, renderText } from "@zhenggai/core";

const TEXTS = {
  organisation: ["局党组把巡察整改作为重大政治任务，成立整改工作领导小组，逐项对账销号。"],
  nextSteps: ["持续压实整改责任，对未完成的问题按月调度，确保按期销号。"],
  contacts: { phones: ["0000-7654321"], emails: ["zhenggai@tongxi.example"], postal: ["桐溪县文昌路1号整改办"] },
  publicPeriod: null,
  date: "2025-07-01",
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The text of notice number `index` with about `findings` findings. */
export function noticeText(index: number, findings: number): string {
  const snapshot = createSampleLedgerSnapshot({ findings, seed: 1000 + index });
  const feedbackDate = addDays("2021-01-15", index * 2);
  snapshot.inspection = {
    ...snapshot.inspection,
    name: `第${index + 1}轮巡察`,
    groupName: `县委第${(index % 9) + 1}巡察组`,
    feedbackDate,
    startDate: addDays(feedbackDate, -90),
    endDate: addDays(feedbackDate, -30),
  };
  snapshot.asOf = addDays(feedbackDate, 180);
  return renderText(buildNoticeDocument(buildNoticeModelFromLedger(snapshot, { ...TEXTS, date: snapshot.asOf })));
}

/** Writes `count` notice files into `dir` and returns their paths. */
export function writeNotices(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const file = path.join(dir, `notice-${String(i + 1).padStart(4, "0")}.txt`);
    writeFileSync(file, noticeText(i, 8 + (i % 17)));
    files.push(file);
  }
  return files;
}

/** Writes one notice of at least `bytes` bytes (UTF-8) and returns its path. */
export function writeNoticeOfSize(dir: string, bytes: number): { file: string; bytes: number } {
  mkdirSync(dir, { recursive: true });
  let findings = 20;
  let text = noticeText(0, findings);
  while (Buffer.byteLength(text) < bytes) {
    findings += 5;
    text = noticeText(0, findings);
  }
  const file = path.join(dir, "notice-30k.txt");
  writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text) };
}
