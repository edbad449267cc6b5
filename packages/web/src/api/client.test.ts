import { describe, expect, it } from "vitest";
import { ApiError, describeError, withQuery } from "./client.ts";

describe("withQuery", () => {
  it.each([
    [{}, "/api/findings"],
    [{ page: 2, q: "校外" }, "/api/findings?page=2&q=%E6%A0%A1%E5%A4%96"],
    [{ status: ["in_progress", "phased"] }, "/api/findings?status=in_progress&status=phased"],
    [{ q: "", leader: undefined, overdue: null, mine: true }, "/api/findings?mine=true"],
  ])("builds the query of %j", (query, expected) => {
    expect(withQuery("/api/findings", query)).toBe(expected);
  });
});

describe("describeError", () => {
  it("shows the server's Chinese message with its code", () => {
    expect(describeError(new ApiError("FORBIDDEN", "当前角色（责任部门）无权执行此操作", 403))).toBe("当前角色（责任部门）无权执行此操作（FORBIDDEN）");
  });

  it("falls back to the message of other errors", () => {
    expect(describeError(new Error("网络中断"))).toBe("网络中断");
  });
});
