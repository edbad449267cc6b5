export * from "./clock-rules.ts";
export * from "./due-events.ts";
export * from "./notification-kinds.ts";
export * from "./weekly-report.ts";
