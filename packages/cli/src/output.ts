/** Prints an error to stderr in Chinese with its code, and exits with the code's exit status. */
export function exitWithError(error: unknown): never {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "INTERNAL";
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`错误 [${code}]：${message}\n`);
  process.exit(code === "INTERNAL" ? 70 : 1);
}
