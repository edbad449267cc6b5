import { randomBytes } from "node:crypto";
import type { Role } from "@zhenggai/core";
import type { Database, Queryable } from "../db/database.ts";
import { makeDemoEvidencePdf } from "../demo/evidence-pdf.ts";
import { SCALE_COLUMNS, SCALE_ID_TABLES, SCALE_SAMPLE_PROJECT, SCALE_TABLE_ORDER, ScaleDatasetGenerator, type ScaleEvidenceFile, type ScaleIdTable } from "../demo/scale-dataset.ts";
import { AppError } from "../errors.ts";
import type { FileStore } from "../files/file-store.ts";
import { insertAuditEntries, type AuditRecord } from "../repositories/audit.repository.ts";
import { insertRows, maxId, resetIdentity } from "../repositories/bulk.repository.ts";
import { insertRow } from "../repositories/sql.ts";
import { readSetting, writeSetting } from "../repositories/user.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { hashPassword } from "./passwords.ts";
import { runMutation } from "./transaction.ts";
import { ensure } from "./validation.ts";

const SETTING_KEY = "scale_demo";

/** What generating a dataset produced. */
export interface ScaleDemoResult {
  seed: string;
  measures: number;
  units: number;
  officeId: number;
  /** A project name the generated texts mention (a selective text search). */
  sampleProject: string;
  /** A few generated people who can sign in; their passwords are shown this once. */
  accounts: { username: string; displayName: string; role: Role; password: string }[];
}

/** Options of a generation run. */
export interface ScaleDemoOptions {
  measures: number;
  seed?: string;
  /** Called after each slice is written: measures written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** `zhenggai demo --scale N`: a province-scale generated dataset, written in bulk. */
export class ScaleDemoService {
  private readonly db: Database;
  private readonly files: FileStore;
  private readonly today: () => string;

  constructor(
    db: Database,
    files: FileStore,
    today: () => string,
    private readonly recordClockHistory: () => Promise<number> = async () => 0,
  ) {
    this.db = db;
    this.files = files;
    this.today = today;
  }

  /**
   * Generates `measures` measures (with units, people, rounds, findings, progress, evidence,
   * sign-off, reviews, registers and audit history) in one transaction, then refreshes the planner's
   * statistics. Reproducible: the same seed and size on the same starting database give the same rows.
   * Only once per database. `actor` must administer the root (null: trusted CLI).
   */
  async generate(actor: Actor | null, options: ScaleDemoOptions): Promise<ScaleDemoResult> {
    ensure(Number.isInteger(options.measures) && options.measures >= 100 && options.measures <= 5_000_000, "规模应为 100 到 5,000,000 之间的整数（整改措施条数）");
    const seed = options.seed ?? "zhenggai";
    ensure(/^[\w-]{1,40}$/.test(seed), "随机种子应为 1–40 位字母、数字、下划线或连字符");
    if (actor) {
      const scope = await AccessScope.load(this.db, actor);
      if (!scope.isAdminAnywhere()) throw new AppError("FORBIDDEN", "仅管理员可以生成规模测试数据");
    }
    const evidenceFiles: ScaleEvidenceFile[] = [];
    for (let i = 1; i <= 6; i += 1) {
      const bytes = await makeDemoEvidencePdf(`scale evidence ${i}`);
      evidenceFiles.push({ sha256: await this.files.put(bytes), sizeBytes: bytes.byteLength });
    }
    const result = await runMutation(this.db, actor, async (tx, audit) => {
      if (await readSetting(tx, SETTING_KEY)) throw new AppError("CONFLICT", "规模测试数据已经生成过了：请在空数据库中重新生成");
      const office = await this.findOrCreateOffice(tx);
      const officeId = office.id;
      // Bulk load: on PGlite, or as a PostgreSQL superuser, triggers (foreign-key checks among them)
      // are skipped for this transaction; the generator writes every derived value itself (org paths)
      // and only references rows it wrote or read, and the scale test checks integrity afterwards.
      if (this.db.kind === "pglite" || (await tx.query<{ on: boolean }>("select current_setting('is_superuser') = 'on' as on"))[0]?.on) {
        await tx.query("set local session_replication_role = replica");
      }
      const baseIds = {} as Record<ScaleIdTable, number>;
      for (const table of SCALE_ID_TABLES) baseIds[table] = await maxId(tx, table);
      const generator = new ScaleDatasetGenerator({ measures: options.measures, seed, today: this.today(), officeId, officePath: office.path, baseIds, evidenceFiles });
      let done = 0;
      for (const chunk of generator.chunks()) {
        for (const table of SCALE_TABLE_ORDER) {
          if (table === "audit_log") {
            // The generated history joins the audit hash chain like any other entry (migration 0021).
            await insertAuditEntries(tx, chunk.audit_log.map(toAuditRecord));
            continue;
          }
          await insertRows(tx, table, SCALE_COLUMNS[table], chunk[table], (SCALE_ID_TABLES as readonly string[]).includes(table));
        }
        done += chunk.measureCount;
        options.onProgress?.(done, options.measures);
      }
      for (const table of SCALE_ID_TABLES) await resetIdentity(tx, table);
      const accounts = [];
      for (const person of generator.notablePeople.filter((p) => p.role !== "leader" || p.username.endsWith("_ld1"))) {
        const password = `Scale${randomBytes(4).toString("hex")}9`;
        await tx.query("update users set password_hash = $2 where id = $1", [person.userId, await hashPassword(password)]);
        accounts.push({ username: person.username, displayName: person.displayName, role: person.role, password });
      }
      await writeSetting(tx, SETTING_KEY, { seed, measures: options.measures, units: generator.unitCount });
      await audit({ action: "load_scale_demo", entity: "org", entityId: officeId, orgId: officeId, after: { seed, measures: options.measures, units: generator.unitCount } });
      return { seed, measures: options.measures, units: generator.unitCount, officeId, sampleProject: SCALE_SAMPLE_PROJECT, accounts };
    });
    // The reminders the clock would have sent while this history happened are recorded as sent, so
    // the first start does not send them all at once (scheduler.recordAsPast).
    await this.db.exec("analyze");
    await this.recordClockHistory();
    // Fresh statistics (or the planner guesses from empty tables) and a visibility map (or index-only
    // scans visit every heap page): what autovacuum would do some minutes later.
    await this.db.exec("vacuum (analyze)");
    return result;
  }

  private async findOrCreateOffice(tx: Queryable): Promise<{ id: number; path: string }> {
    const roots = await tx.query<{ id: number; kind: string; path: string }>("select id, kind, path from orgs where parent_id is null order by id limit 1");
    const root = roots[0] ?? (await insertRow<{ id: number; kind: string; path: string }>(tx, "orgs", { values: { kind: "office", name: "省委巡视工作领导小组办公室" } }));
    if (root.kind === "office") return root;
    return insertRow<{ id: number; path: string }>(tx, "orgs", { values: { parentId: root.id, kind: "office", name: "巡察工作领导小组办公室" } });
  }
}

/** A generated audit row (columns of SCALE_COLUMNS.audit_log) as a record of the hash chain. */
function toAuditRecord(row: readonly unknown[]): AuditRecord & { at: string } {
  const [at, actorId, actorName, action, entity, entityId, orgId, before, after] = row;
  return {
    at: String(at),
    actorId: actorId === null ? null : Number(actorId),
    actorName: String(actorName),
    action: String(action),
    entity: String(entity),
    entityId: entityId === null ? null : String(entityId),
    orgId: orgId === null ? null : Number(orgId),
    before: before ?? undefined,
    after: after ?? undefined,
  };
}
