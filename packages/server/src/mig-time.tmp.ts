import { PGlite } from "@electric-sql/pglite";
import { listMigrations, splitStatements } from "/work/i8a/packages/server/src/db/migrate.ts";
const db = new PGlite();
for (const m of listMigrations()) {
  const t = Date.now();
  await db.transaction(async (tx) => { for (const s of splitStatements(m.sql)) await tx.query(s); });
  console.log(m.version, Date.now() - t, "ms");
}
