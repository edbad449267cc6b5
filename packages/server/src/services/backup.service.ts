import JSZip from "jszip";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { FileStore } from "../files/file-store.ts";
import { GENESIS_HASH, hashAuditContent } from "../repositories/audit-hash.ts";
import {
  countLedgerRows,
  dumpTable,
  listAppliedMigrations,
  listBackupTables,
  loadTable,
  readIdentitySequences,
  resetIdentity,
} from "../repositories/backup.repository.ts";
import { AccessScope, type Actor } from "./access.ts";
import { checkAuditLink } from "./audit.service.ts";
import { runMutation } from "./transaction.ts";

const FORMAT = "zhenggai-backup";
const FORMAT_VERSION = 1;

/** What a backup archive says about itself. */
export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
  counts: Record<string, number>;
  /** Last value of each table's identity sequence at backup time (ids never to be given again). */
  sequences?: Record<string, number>;
  files: { sha256: string; size: number }[];
}

/** What a restore found about the audit trail it brought back. */
export interface RestoredAuditChain {
  isIntact: boolean;
  /** Entries of a backup made before the chain existed, chained at restore. */
  sealed: number;
  /** First entry whose link is broken in the archive, if any. */
  firstBrokenId: number | null;
}

/** Whole-database backup and restore: every table plus the evidence files, hash-checked. */
export class BackupService {
  private readonly db: Database;
  private readonly files: FileStore;
  private readonly now: () => Date;

  constructor(db: Database, files: FileStore, now: () => Date) {
    this.db = db;
    this.files = files;
    this.now = now;
  }

  /**
   * Writes a zip archive: manifest.json, one JSON file per table, and every evidence file by hash.
   * Consistent while the server runs: one transaction (repeatable read on PostgreSQL; PGlite serves
   * one transaction at a time). `actor` null is the trusted CLI; a user must be an administrator.
   */
  async createBackup(actor: Actor | null = null): Promise<{ bytes: Uint8Array; manifest: BackupManifest }> {
    if (actor && !(await (await AccessScope.load(this.db, actor)).isRootAdmin(this.db))) throw new AppError("FORBIDDEN", "只有系统管理员可以备份数据库");
    const zip = new JSZip();
    const counts: Record<string, number> = {};
    const { tables, sequences } = await this.db.transaction(async (tx) => {
      if (this.db.kind === "postgres") await tx.query("set transaction isolation level repeatable read");
      const list = await listBackupTables(tx);
      const out = new Map<string, Record<string, unknown>[]>();
      for (const table of list) out.set(table.name, await dumpTable(tx, table));
      return { tables: out, sequences: await readIdentitySequences(tx, list) };
    });
    for (const [table, rows] of tables) {
      counts[table] = rows.length;
      zip.file(`tables/${table}.json`, JSON.stringify(rows));
    }
    // Evidence and 督办 files are immutable and never deleted, so reading them after the snapshot is consistent.
    const hashes = [...new Set([...(tables.get("evidence") ?? []), ...(tables.get("directive_files") ?? [])].map((row) => String(row.sha256)))].sort();
    const files: BackupManifest["files"] = [];
    for (const sha256 of hashes) {
      if (!this.files.has(sha256)) throw new AppError("INTERNAL", `佐证材料文件缺失：${sha256}，备份已中止`);
      const bytes = this.files.read(sha256);
      zip.file(`files/${sha256}`, bytes);
      files.push({ sha256, size: bytes.byteLength });
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: this.now().toISOString(),
      migrations: await listAppliedMigrations(this.db),
      counts,
      sequences,
      files,
    };
    zip.file("manifest.json", JSON.stringify(manifest, null, 2));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
    // Who took a copy of everything is itself recorded.
    await runMutation(this.db, actor, async (_tx, audit) => {
      await audit({ action: "backup", entity: "database", entityId: null, orgId: null, after: { sha256: FileStore.hashOf(bytes), counts, files: files.length } });
    });
    return { bytes, manifest };
  }

  /**
   * Restores an archive into an empty, migrated database; every file's hash is verified first.
   * Identity sequences continue above the highest id the source ever handed out, and the audit
   * trail comes back with its hash chain (a pre-chain backup's entries are chained at restore).
   */
  async restoreBackup(bytes: Uint8Array): Promise<BackupManifest & { auditChain: RestoredAuditChain }> {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch {
      throw new AppError("UNSUPPORTED_FILE", "不是有效的备份文件（无法解压）");
    }
    const manifestFile = zip.file("manifest.json");
    if (!manifestFile) throw new AppError("UNSUPPORTED_FILE", "备份文件缺少 manifest.json");
    const manifest = JSON.parse(await manifestFile.async("string")) as BackupManifest;
    if (manifest.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION) {
      throw new AppError("UNSUPPORTED_FILE", "不支持的备份格式或版本");
    }
    const applied = await listAppliedMigrations(this.db);
    const missing = manifest.migrations.filter((m) => !applied.includes(m));
    if (missing.length) throw new AppError("CONFLICT", `备份来自更新的版本（缺少迁移 ${missing.join("、")}），请先升级程序`);
    if ((await countLedgerRows(this.db)) > 0) throw new AppError("CONFLICT", "只能恢复到空数据库：当前数据库已有组织或用户");
    // Verify and store files before touching the database: a bad archive changes nothing.
    for (const { sha256 } of manifest.files) {
      const file = zip.file(`files/${sha256}`);
      if (!file) throw new AppError("VALIDATION_FAILED", `备份中缺少文件 ${sha256}`);
      const content = await file.async("uint8array");
      if (FileStore.hashOf(content) !== sha256) throw new AppError("VALIDATION_FAILED", `文件校验失败：${sha256}`);
      this.files.put(content);
    }
    let auditChain: RestoredAuditChain = { isIntact: true, sealed: 0, firstBrokenId: null };
    await runMutation(this.db, null, async (tx, audit) => {
      // Archived rounds come back with their content: their read-only trigger yields to the restore.
      await tx.query("set local zhenggai.restoring = 'on'");
      for (const table of await listBackupTables(tx)) {
        const file = zip.file(`tables/${table.name}.json`);
        if (!file) {
          // A table added by a migration after the backup was made starts empty.
          if (manifest.counts[table.name] === undefined) continue;
          throw new AppError("VALIDATION_FAILED", `备份中缺少数据表 ${table.name}`);
        }
        let rows = JSON.parse(await file.async("string")) as Record<string, unknown>[];
        if (rows.length !== manifest.counts[table.name]) throw new AppError("VALIDATION_FAILED", `数据表 ${table.name} 的行数与清单不符`);
        if (table.name === "audit_log") ({ rows, chain: auditChain } = chainRestoredAudit(rows));
        await loadTable(tx, table, rows);
        await resetIdentity(tx, table, manifest.sequences?.[table.name] ?? 0);
      }
      await audit({ action: "restore", entity: "database", entityId: null, orgId: null, after: { createdAt: manifest.createdAt, counts: manifest.counts, auditChain } });
    });
    return { ...manifest, auditChain };
  }
}

/**
 * Checks the archive's audit entries link by link and chains entries that predate the chain, so
 * the restored trail is whole again; a broken link stays broken (and `audit verify` will name it).
 */
function chainRestoredAudit(rows: Record<string, unknown>[]): { rows: Record<string, unknown>[]; chain: RestoredAuditChain } {
  const chain: RestoredAuditChain = { isIntact: true, sealed: 0, firstBrokenId: null };
  let prevHash = GENESIS_HASH;
  const out = rows.map((row) => {
    const entry = {
      id: Number(row.id),
      at: new Date(String(row.at)).toISOString(),
      actorId: row.actor_id === null ? null : Number(row.actor_id),
      actorName: String(row.actor_name),
      action: String(row.action),
      entity: String(row.entity),
      entityId: row.entity_id === null ? null : String(row.entity_id),
      orgId: row.org_id === null ? null : Number(row.org_id),
      before: row.before,
      after: row.after,
    };
    if (row.hash === null || row.hash === undefined) {
      const hash = hashAuditContent({ ...entry, prevHash });
      chain.sealed += 1;
      const sealed = { ...row, at: entry.at, prev_hash: prevHash, hash };
      prevHash = hash;
      return sealed;
    }
    if (chain.firstBrokenId === null && checkAuditLink({ ...entry, prevHash: String(row.prev_hash), hash: String(row.hash) }, prevHash)) {
      chain.isIntact = false;
      chain.firstBrokenId = entry.id;
    }
    prevHash = String(row.hash);
    return row;
  });
  return { rows: out, chain };
}
