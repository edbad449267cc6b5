import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgFixture, createTestContext, createTestUser, type OrgFixture, type TestContext, type TestUser } from "../test/test-app.ts";
import { findUnsafeText, withIntegerBounds } from "./input-guards.ts";

let context: TestContext;
let orgs: OrgFixture;
let office: TestUser;

beforeAll(async () => {
  context = await createTestContext();
  orgs = await createOrgFixture(context.db);
  office = await createTestUser(context, "rectification_office", orgs.unitA);
});

afterAll(async () => {
  await context?.close();
});

describe("input guards", () => {
  it("finds NUL and lone surrogates in values and keys, and accepts paired surrogates", () => {
    expect(findUnsafeText({ a: ["ok", "x\u0000"] })).toBe("a[1]");
    expect(findUnsafeText({ texts: { "\ud800": "v" } })).toBe("texts");
    expect(findUnsafeText("尾\udfff")).toBe("（值）");
    expect(findUnsafeText({ emoji: "整改😀完成" })).toBeNull();
  });

  it("bounds every integer of a schema, keeping bounds that are already there", () => {
    const bounded = withIntegerBounds({ type: "object", properties: { a: { type: "integer" }, b: { type: ["integer", "null"], maximum: 5 } } });
    expect(bounded.properties.a).toEqual({ type: "integer", maximum: Number.MAX_SAFE_INTEGER, minimum: -Number.MAX_SAFE_INTEGER });
    expect(bounded.properties.b).toMatchObject({ maximum: 5 });
  });

  it("answers the probe's former 500s with 400 and a Chinese message", async () => {
    const inject = context.app.inject.bind(context.app);
    const cases = [
      await inject({ method: "GET", url: "/api/findings/9223372036854775807", headers: office.headers }),
      await inject({ method: "GET", url: "/api/measures?page=1e20", headers: office.headers }),
      await inject({ method: "GET", url: "/api/findings?q=%00", headers: office.headers }),
      await inject({ method: "POST", url: "/api/auth/login", payload: { username: "a\u0000b", password: "x" } }),
      await inject({ method: "POST", url: "/api/public/notices/1/comments", payload: { text: "意见意见意见\u0000" } }),
      await inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/inspections`, headers: office.headers, payload: { name: "轮次\ud800" } }),
      await inject({ method: "PATCH", url: "/api/findings/1", headers: office.headers, payload: { version: 2147483648 } }),
      await inject({ method: "POST", url: `/api/orgs/${orgs.unitA}/imports/notice/preview`, headers: { ...office.headers, "content-type": "multipart/form-data" }, payload: "--x\r\n" }),
      await inject({
        method: "POST",
        url: `/api/orgs/${orgs.unitA}/imports/notice/preview`,
        headers: { ...office.headers, "content-type": "multipart/form-data; boundary=zz" },
        payload: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n截断',
      }),
    ];
    for (const response of cases) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(cases[3].json().error.message).toContain("不允许的字符");
  });
});
