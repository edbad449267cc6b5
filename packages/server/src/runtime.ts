// The server's light entry for the CLI: what running the app needs. The package index also
// re-exports the document writers and readers, which load pdfkit, docx and exceljs; the app itself
// loads those on first use, and so does a CLI command that only serves or migrates.
export { loadConfig, type Config } from "./config.ts";
export { openRuntime, startServer, type Runtime } from "./main.ts";
export { openDatabase, openPostgres } from "./db/database.ts";
export { grantAppRole, roleOfUrl } from "./db/roles.ts";
export { migrate } from "./db/migrate.ts";
