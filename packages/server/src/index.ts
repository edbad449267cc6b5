export * from "./config.ts";
export * from "./errors.ts";
export * from "./main.ts";
export * from "./db/database.ts";
export * from "./db/migrate.ts";
export * from "./http/app.ts";
export * from "./services/index.ts";
export * from "./services/access.ts";
