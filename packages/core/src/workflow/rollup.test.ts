import { describe, expect, it } from "vitest";
import type { Status } from "../domain/status.ts";
import { rollupFindingStatus } from "./rollup.ts";

describe("rollupFindingStatus", () => {
  it.each<{ measures: Status[]; expected: Status }>([
    { measures: [], expected: "not_started" },
    { measures: ["completed", "completed"], expected: "completed" },
    { measures: ["completed", "completed_long_term"], expected: "completed_long_term" },
    { measures: ["completed", "phased"], expected: "phased" },
    { measures: ["completed", "in_progress"], expected: "in_progress" },
    { measures: ["completed", "not_completed"], expected: "not_completed" },
    { measures: ["not_started", "not_started"], expected: "not_started" },
    { measures: ["not_started", "completed"], expected: "in_progress" },
  ])("$measures → $expected", ({ measures, expected }) => {
    expect(rollupFindingStatus(measures)).toBe(expected);
  });
});
