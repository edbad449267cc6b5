import { FINDING_FIELD_LABELS } from "@zhenggai/core";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../api/types.ts";
import { describeChange } from "./RecordHistory.tsx";

const entry = (action: string, before: unknown, after: unknown): AuditEntry => ({ id: 1, at: "2026-06-15T02:00:00Z", actorName: "钱可心", action, entity: "finding", entityId: "1", before, after });

describe("a record's history in words", () => {
  it("names the changed fields as the form does, ignoring bookkeeping columns", () => {
    const change = describeChange(entry("update", { title: "旧", planText: null, version: 1 }, { title: "新", planText: "年底前完成", version: 2, updatedAt: "x" }), FINDING_FIELD_LABELS);
    expect(change).toBe("修改了问题、整改计划");
  });

  it("gives a void's reason", () => {
    expect(describeChange(entry("void", { voidedAt: null }, { voidedAt: "2026-06-15T02:00:00Z", reason: "重复登记" }), FINDING_FIELD_LABELS)).toBe("原因：重复登记");
  });

  it("says nothing for an update that changed no labelled field", () => {
    expect(describeChange(entry("update", { version: 1 }, { version: 2 }), FINDING_FIELD_LABELS)).toBe("");
  });
});
