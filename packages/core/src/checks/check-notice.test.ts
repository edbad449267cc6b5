import { describe, expect, it } from "vitest";
import type { ParsedNotice, ParsedProblem } from "../parser/parsed-notice.ts";
import { checkNotice } from "./check-notice.ts";
import { formatCheckReport } from "./format-report.ts";

function makeProblem(seq: number, overrides: Partial<ParsedProblem> = {}): ParsedProblem {
  return {
    number: String(seq),
    seq,
    title: `第${seq}项工作不到位`,
    subPoints: [],
    status: "completed",
    statusText: "已完成",
    hasPlan: false,
    progressText: `完成第${seq}项制度修订，印发文件${seq}份，开展检查${seq + 2}次。`,
    planText: null,
    moneyAmounts: [],
    docRefs: [],
    ...overrides,
  };
}

function makeNotice(problems: ParsedProblem[], overrides: Partial<ParsedNotice> = {}): ParsedNotice {
  return {
    schemaVersion: 1,
    issuer: "中共示例县某局党组",
    title: "中共示例县某局党组关于巡察整改进展情况的通报",
    inspection: { by: "县委第一巡察组", level: "县委", start: "2024-03", end: "2024-05", feedbackDate: "2024-06-01" },
    publishedDate: "2024-09-01",
    publicPeriod: null,
    contacts: { phones: ["0871-1234567"], emails: ["jb@example.cn"], postal: [] },
    claimedSummary: {},
    sections: [],
    categories: [{ label: null, problems }],
    findings: [],
    ...overrides,
  };
}

const codes = (notice: ParsedNotice) => checkNotice(notice).map((finding) => finding.code);

describe("checkNotice", () => {
  const cases: { name: string; notice: ParsedNotice; expected: string[] }[] = [
    { name: "a clean notice", notice: makeNotice([makeProblem(1), makeProblem(2)]), expected: [] },
    {
      name: "claimed total and status counts that do not add up",
      notice: makeNotice([makeProblem(1), makeProblem(2)], { claimedSummary: { problemsTotal: 3, completed: 3, phased: 1 } }),
      expected: ["COUNT_MISMATCH"],
    },
    { name: "a repeated number", notice: makeNotice([makeProblem(1), makeProblem(2, { number: "1" })]), expected: ["NUMBERING_DUPLICATE"] },
    { name: "a skipped number", notice: makeNotice([makeProblem(1), makeProblem(2, { number: "3" })]), expected: ["NUMBERING_GAP"] },
    { name: "a missing status", notice: makeNotice([makeProblem(1, { status: null, statusText: null })]), expected: ["STATUS_MISSING"] },
    {
      name: "completion contradicted by 力争…前",
      notice: makeNotice([makeProblem(1, { progressText: "已制定方案，力争2025年6月底前全部完成改造。" })]),
      expected: ["CLAIM_CONTRADICTED"],
    },
    {
      name: "an event reported as done after publication",
      notice: makeNotice([makeProblem(1, { progressText: "2024年9月20日召开了专题会议，研究整改措施。" })]),
      expected: ["DATE_AFTER_PUBLICATION"],
    },
    {
      name: "near-copied write-ups",
      notice: makeNotice([
        makeProblem(1, { progressText: "召开专题会议研究部署，完善内部管理制度，强化监督检查，建立长效机制，确保整改到位。" }),
        makeProblem(2, { progressText: "召开专题会议研究部署，完善内部管理制度，强化监督检查，建立长效机制，确保整改到位。", title: "另一项工作不扎实" }),
      ]),
      expected: ["DUPLICATE_TEXT"],
    },
    {
      name: "a title issuer that differs from the signature",
      notice: makeNotice([makeProblem(1)], { title: "示例县某某中心关于巡察整改情况的通报" }),
      expected: ["ISSUER_MISMATCH"],
    },
    {
      name: "no contacts and no date",
      notice: makeNotice([makeProblem(1)], { contacts: { phones: [], emails: [], postal: [] }, publishedDate: null }),
      expected: ["MISSING_DISCLOSURE"],
    },
    {
      name: "a completed item with nothing concrete in it",
      notice: makeNotice([makeProblem(1, { progressText: "已整改。" })]),
      expected: ["NO_CONCRETE_EVIDENCE"],
    },
    {
      name: "numbers running backwards",
      notice: makeNotice([makeProblem(1), makeProblem(2, { number: "3" }), makeProblem(3, { number: "2" })]),
      expected: ["NUMBERING_GAP", "OUT_OF_ORDER"],
    },
  ];

  for (const { name, notice, expected } of cases) {
    it(`reports ${expected.length > 0 ? expected.join(", ") : "nothing"} for ${name}`, () => {
      expect(codes(notice).sort()).toEqual([...expected].sort());
    });
  }

  it("treats numbering that restarts in each category as normal", () => {
    const notice = makeNotice([], {
      categories: [
        { label: "（一）甲方面", problems: [makeProblem(1), makeProblem(2)] },
        { label: "（二）乙方面", problems: [makeProblem(3, { number: "1" }), makeProblem(4, { number: "2" })] },
      ],
    });
    expect(codes(notice)).toEqual([]);
  });

  it("lets 长期坚持 items speak of next steps but not of unfinished work", () => {
    const longTerm = (text: string) => makeProblem(1, { status: "completed_long_term", statusText: "已整改，长期坚持", progressText: text });
    expect(codes(makeNotice([longTerm("已建立制度3项。下一步将持续抓好落实。")]))).toEqual([]);
    expect(codes(makeNotice([longTerm("已建立制度3项，正在推进配套细则起草。")]))).toEqual(["CLAIM_CONTRADICTED"]);
  });

  it("formats a readable Chinese report", () => {
    const notice = makeNotice([makeProblem(1, { status: null, statusText: null })]);
    notice.findings = checkNotice(notice);
    const report = formatCheckReport(notice);
    expect(report).toContain("缺少整改状态（STATUS_MISSING）");
    expect(report).toContain("涉及问题序号：1");
  });
});
