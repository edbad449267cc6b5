import { describe, expect, it } from "vitest";
import { parseScale } from "./demo.ts";

describe("zhenggai demo --scale", () => {
  it("reads measure counts with k and m suffixes, refusing anything else in Chinese", () => {
    expect(parseScale("10000")).toBe(10_000);
    expect(parseScale("100k")).toBe(100_000);
    expect(parseScale("1M")).toBe(1_000_000);
    expect(parseScale("2.5k")).toBe(2500);
    expect(() => parseScale("many")).toThrow(/--scale 应为整改措施条数/);
    expect(() => parseScale("-5")).toThrow(/--scale/);
  });
});
