export * from "./money.ts";
export * from "./register-specs.ts";
export * from "./register-input.ts";
