import { describe, expect, it } from "vitest";
import { formatChineseNumeral, formatHeadingNumber, splitHeadingNumber } from "./document-model.ts";
import { formatChineseDate, formatChineseDateRange, formatYuanFromFen } from "./format.ts";
import { listStatusLabels, parseStatusText } from "./status-words.ts";

describe("formatChineseDate", () => {
  it.each([
    ["2025-08-04", "2025年8月4日"],
    ["2024-09", "2024年9月"],
    ["2024", "2024年"],
    [null, ""],
    ["长期", "长期"],
  ])("%s → %s", (input, output) => {
    expect(formatChineseDate(input)).toBe(output);
  });

  it("prints ranges", () => {
    expect(formatChineseDateRange("2024-09", "2024-11")).toBe("2024年9月至2024年11月");
    expect(formatChineseDateRange("2024-09-01", null)).toBe("2024年9月1日");
    expect(formatChineseDateRange("2024-09-01", "2024-09-01")).toBe("2024年9月1日");
  });
});

describe("formatYuanFromFen", () => {
  it.each([
    [665_700_00, "66.57万元"],
    [1_000_000, "1万元"],
    [2730_00, "2730元"],
    [1_234_567, "12345.67元"],
    [50, "0.5元"],
    [-2_000_000, "-2万元"],
  ])("%i fen → %s", (fen, text) => {
    expect(formatYuanFromFen(fen)).toBe(text);
  });
});

describe("heading numbers", () => {
  it.each([
    [1, "一"],
    [10, "十"],
    [12, "十二"],
    [20, "二十"],
    [31, "三十一"],
  ])("numeral %i → %s", (value, text) => {
    expect(formatChineseNumeral(value)).toBe(text);
  });

  it("numbers each level the official way and splits written numbers", () => {
    expect([1, 2, 3, 4].map((level) => formatHeadingNumber(level as 1 | 2 | 3 | 4, 3))).toEqual(["三、", "（三）", "3.", "（3）"]);
    expect(splitHeadingNumber("（二）在加强管理方面")).toEqual({ number: "（二）", text: "在加强管理方面" });
    expect(splitHeadingNumber("(三)监督不到位")).toEqual({ number: "(三)", text: "监督不到位" });
    expect(splitHeadingNumber("三、下一步打算")).toEqual({ number: "三、", text: "下一步打算" });
    expect(splitHeadingNumber("下一步打算")).toEqual({ number: "", text: "下一步打算" });
  });
});

describe("parseStatusText", () => {
  it.each([
    ["已完成", "completed"],
    ["已整改", "completed"],
    ["完成", "completed"],
    ["已销号", "completed"],
    ["已整改，长期坚持", "completed_long_term"],
    ["已整改,长期坚持", "completed_long_term"],
    ["长期坚持", "completed_long_term"],
    ["阶段性完成", "phased"],
    ["基本完成", "phased"],
    ["整改推进中", "in_progress"],
    ["正在整改", "in_progress"],
    ["未完成", "not_completed"],
    ["未启动", "not_started"],
    ["in_progress", "in_progress"],
    [" ", null],
    ["待定", null],
  ])("%s → %s", (text, status) => {
    expect(parseStatusText(text)).toBe(status);
  });

  it("reads back every label it offers", () => {
    expect(listStatusLabels().map(parseStatusText)).toEqual([
      "not_started",
      "in_progress",
      "phased",
      "completed",
      "completed_long_term",
      "not_completed",
    ]);
  });
});
