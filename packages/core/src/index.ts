export * from "./domain/status.ts";
export * from "./domain/kinds.ts";
export * from "./workflow/transitions.ts";
export * from "./workflow/signoff.ts";
export * from "./workflow/deadline.ts";
export * from "./workflow/rollup.ts";
export * from "./stats/completion.ts";
export * from "./parser/parsed-notice.ts";
