import { describe, expect, it } from "vitest";
import { validateParsedNoticeShape } from "./parsed-notice-shape.ts";

const VALID = {
  schemaVersion: 1,
  issuer: "中共桐溪县教育局党组",
  title: null,
  inspection: { by: null, level: null, start: "2024-09", end: null, feedbackDate: "2024-12-12" },
  publishedDate: "2025",
  publicPeriod: null,
  contacts: { phones: [], emails: [], postal: [] },
  claimedSummary: {},
  sections: [],
  categories: [
    {
      label: null,
      problems: [
        { number: "1", seq: 1, title: "台账不全", subPoints: [], status: null, statusText: null, hasPlan: false, moneyAmounts: [], docRefs: [] },
      ],
    },
  ],
};

describe("validateParsedNoticeShape", () => {
  it("accepts the contract and fills in missing checker findings", () => {
    const { notice, errors } = validateParsedNoticeShape(VALID);
    expect(errors).toEqual([]);
    expect(notice?.findings).toEqual([]);
  });

  it("lists every problem with its JSON path in Chinese", () => {
    const broken = structuredClone(VALID) as Record<string, unknown>;
    broken.schemaVersion = 2;
    (broken.inspection as Record<string, unknown>).start = "2024年9月";
    (broken.categories as { problems: Record<string, unknown>[] }[])[0].problems[0].status = "done";
    (broken.categories as { problems: Record<string, unknown>[] }[])[0].problems[0].hasPlan = "否";
    delete broken.contacts;
    expect(validateParsedNoticeShape(broken)).toEqual({
      notice: null,
      errors: [
        "schemaVersion 应为 1",
        "inspection.start 应为 YYYY-MM-DD、YYYY-MM、YYYY 格式的日期或 null",
        "缺少 contacts",
        "categories[0].problems[0].status 应为 completed、completed_long_term、phased、in_progress、not_completed 之一或 null",
        "categories[0].problems[0].hasPlan 应为 true 或 false",
      ],
    });
  });

  it("rejects a value that is not an object", () => {
    expect(validateParsedNoticeShape([]).errors).toEqual(["顶层应为 JSON 对象（zhenggai parse --json 的输出）"]);
  });
});
