import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { camelizeRow } from "../repositories/sql.ts";
import { createTestDatabase } from "../test/test-database.ts";
import type { Database } from "./database.ts";

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase({ kind: inject("testDbKind"), pgliteDumpPath: inject("pgliteDumpPath"), postgresTemplate: inject("postgresTemplate") });
});

afterAll(async () => {
  await db.close();
});

describe("values read from the database, the same on both engines", () => {
  it("gives timestamptz as the ISO string Date would give, whatever the fraction of a second", async () => {
    const instants = fc.sample(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-12-31T23:59:59Z"), noInvalidDate: true }), { numRuns: 200, seed: 20261130 });
    const micros = fc.sample(fc.integer({ min: 0, max: 999 }), { numRuns: 200, seed: 7 });
    // Sent as text with microseconds so the server's own output holds 0–6 fractional digits.
    const texts = instants.map((d, i) => `${d.toISOString().slice(0, 23)}${String(micros[i]).padStart(3, "0")}Z`);
    texts.push("2026-11-30T13:41:32Z", "2026-11-30T13:41:32.1Z", "2026-11-30T13:41:32.999999Z", "2026-06-15T10:00:00+08:00");
    const rows = await db.query<{ t: string }>("select t from unnest($1::timestamptz[]) with ordinality as x(t, n) order by n", [texts]);
    expect(rows.map((r) => r.t)).toEqual(texts.map((t) => new Date(t).toISOString()));
  });

  it("gives camelCase keys for snake_case columns, and leaves other names alone", async () => {
    const rows = await db.query("select 1 as due_date, 2 as finding_seq2, 3 as plain, 4 as pending_closure_id");
    expect(rows.map((r) => camelizeRow(r))).toEqual([{ dueDate: 1, findingSeq2: 2, plain: 3, pendingClosureId: 4 }]);
  });
});
