export * from "./check-context.ts";
export { checkNotice, deriveCheckContext } from "./check-notice.ts";
export * from "./format-report.ts";
export * from "./ledger-flags.ts";
export * from "./structure-check.ts";
export * from "./check-summary.ts";
