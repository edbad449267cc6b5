import { describe, expect, it } from "vitest";
import { formatTime } from "./labels.ts";

describe("formatTime", () => {
  it("shows instants in Asia/Shanghai regardless of the browser's zone", () => {
    expect(formatTime("2026-11-22T20:37:05.123Z")).toBe("2026-11-23 04:37");
    expect(formatTime("2026-06-15T02:00:00Z")).toBe("2026-06-15 10:00");
  });

  it("returns unreadable input unchanged", () => {
    expect(formatTime("昨天")).toBe("昨天");
  });
});
