import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotice } from "./parse-notice.ts";
import type { ParsedNotice, ParsedProblem } from "./parsed-notice.ts";
import { hasSeeds, loadNoticeValidator, seedsDir } from "./fixtures/shared-files.ts";

if (!hasSeeds) console.warn(`[seeds] ${seedsDir} not found: skipping the seed notice tests.`);

interface ExpectedNotice extends Omit<ParsedNotice, "findings"> {
  expectedFindings: { code: string; problemSeqs: number[] }[];
}

const seedFiles = hasSeeds ? readdirSync(seedsDir).filter((file) => file.endsWith(".txt")).sort() : [];

function problemsOf(notice: { categories: { problems: ParsedProblem[] }[] }): ParsedProblem[] {
  return notice.categories.flatMap((category) => category.problems);
}

describe.skipIf(!hasSeeds)("seed notices from ../shared/seeds", () => {
  const validate = loadNoticeValidator();

  for (const file of seedFiles) {
    describe(file, () => {
      const text = readFileSync(path.join(seedsDir, file), "utf8");
      const expected = JSON.parse(readFileSync(path.join(seedsDir, "expected", file.replace(/\.txt$/, ".json")), "utf8")) as ExpectedNotice;
      const notice = parseNotice(text, { file, format: "txt" });

      it("validates against the contract schema", () => {
        expect(validate).not.toBeNull();
        expect(validate?.(JSON.parse(JSON.stringify(notice)))).toBeNull();
      });

      it("matches the header fields", () => {
        expect(notice.issuer).toBe(expected.issuer);
        expect(notice.title).toBe(expected.title);
        expect(notice.inspection).toEqual(expected.inspection);
        expect(notice.publishedDate).toBe(expected.publishedDate);
        expect(notice.publicPeriod).toEqual(expected.publicPeriod);
      });

      it("matches the contacts", () => {
        expect(notice.contacts).toEqual(expected.contacts);
      });

      it("matches the claimed summary", () => {
        expect(notice.claimedSummary).toEqual(expected.claimedSummary);
      });

      it("matches sections and categories", () => {
        expect(notice.sections).toEqual(expected.sections);
        expect(notice.categories.map((category) => category.label)).toEqual(expected.categories.map((category) => category.label));
        expect(notice.categories.map((category) => category.problems.length)).toEqual(expected.categories.map((category) => category.problems.length));
      });

      it("matches every problem's number, title, sub-points, status, plan, amounts and document numbers", () => {
        const actual = problemsOf(notice).map(({ number, seq, title, subPoints, status, statusText, hasPlan, moneyAmounts, docRefs }) => ({
          number, seq, title, subPoints, status, statusText, hasPlan, moneyAmounts, docRefs,
        }));
        expect(actual).toEqual(problemsOf(expected));
      });

      it("raises the expected finding codes naming the expected problems", () => {
        for (const finding of expected.expectedFindings) {
          const raised = notice.findings.filter((item) => item.code === finding.code);
          expect(raised.length, `${finding.code} should be raised`).toBeGreaterThan(0);
          const seqs = new Set(raised.flatMap((item) => item.problemSeqs ?? []));
          for (const seq of finding.problemSeqs) expect(seqs.has(seq), `${finding.code} should name problem ${seq}`).toBe(true);
        }
      });

      it("raises no findings beyond the expected ones except those listed as reviewed", () => {
        // Reviewed extras: the 002 notice marks 已整改 an item that announces events for 10、11月份 (its notes say so).
        const reviewedExtras = new Set(file.startsWith("002_") ? ["CLAIM_CONTRADICTED"] : []);
        const expectedCodes = new Set(expected.expectedFindings.map((finding) => finding.code));
        const extras = notice.findings.filter((finding) => !expectedCodes.has(finding.code) && !reviewedExtras.has(finding.code));
        expect(extras).toEqual([]);
      });
    });
  }
});
