// Vitest global setup of the db project: the CLI tests spawn packages/cli/bin/zhenggai.js, which
// runs the compiled dist/ when it is fresh. Rebuild it first (esbuild, about a second) when any
// source changed, so tests always run the current code through the same launcher users run.
import { ensureFreshBuild } from "./build.mjs";

/** Rebuilds the compiled packages if their sources are newer than the last build. */
export default async function setup() {
  await ensureFreshBuild();
}
