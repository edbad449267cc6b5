// The corpus score: ../shared/tools/score-corpus.mjs decides the number on real public excerpts
// (../shared/corpus/dev.jsonl). To keep it quick the parser is bundled once with esbuild and the
// scorer spawns plain node on that bundle instead of `npx zhenggai parse`; the parse itself is the same.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./fixtures/shared-files.ts";

const sharedDir = path.resolve(repoRoot, "../shared");
const corpusFile = path.join(sharedDir, "corpus/dev.jsonl");
const scorer = path.join(sharedDir, "tools/score-corpus.mjs");
const hasCorpus = existsSync(corpusFile) && existsSync(scorer);
const TARGET = 0.9;

if (!hasCorpus) console.warn(`[corpus] ${corpusFile} or ${scorer} not found: SKIPPING the corpus score test.`);

describe.skipIf(!hasCorpus)("corpus score on ../shared/corpus/dev.jsonl", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zg-corpus-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`scores at least ${TARGET} with the shared scorer`, async () => {
    const bundle = path.join(dir, "parser.mjs");
    await build({ entryPoints: [path.join(repoRoot, "packages/core/src/parser/index.ts")], bundle: true, platform: "node", format: "esm", outfile: bundle, logLevel: "silent" });
    const runner = path.join(dir, "parse.mjs");
    // What `zhenggai parse FILE --json` does for a .txt file: read it as UTF-8 and print the contract.
    writeFileSync(
      runner,
      [
        'import { readFileSync } from "node:fs";',
        'import { basename } from "node:path";',
        `import { parseNotice } from ${JSON.stringify(bundle)};`,
        "const file = process.argv[2];",
        'process.stdout.write(JSON.stringify(parseNotice(readFileSync(file, "utf8"), { file: basename(file), format: "txt" })));',
      ].join("\n"),
    );
    const output = execFileSync(process.execPath, [scorer, "--file", corpusFile], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, ZG_PARSE: `${JSON.stringify(process.execPath)} ${JSON.stringify(runner)} {file}` },
      maxBuffer: 16 << 20,
    });
    const match = /corpus score ([\d.]+) \(excerpts (\d+)\)\s*$/.exec(output);
    expect(match, output).not.toBeNull();
    const score = Number(match?.[1]);
    console.info(`[corpus] score ${score} on ${match?.[2]} excerpts`);
    expect(score, output).toBeGreaterThanOrEqual(TARGET);
  }, 120_000);
});
