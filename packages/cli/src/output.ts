import { AppError, exitStatusOf } from "@zhenggai/server/errors";

/** Prints an error to stderr in Chinese with its code, and exits with the code's exit status. */
export function exitWithError(error: unknown): never {
  if (error instanceof AppError) {
    process.stderr.write(`错误 [${error.code}]：${error.message}\n`);
    process.exit(exitStatusOf(error.code));
  }
  const commanderCode = typeof error === "object" && error !== null && "exitCode" in error ? Number(error.exitCode) : null;
  if (commanderCode !== null && !Number.isNaN(commanderCode)) process.exit(commanderCode);
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`错误 [INTERNAL]：${message}\n`);
  process.exit(70);
}

/** Writes one line to stdout. */
export function printLine(line = ""): void {
  process.stdout.write(`${line}\n`);
}
