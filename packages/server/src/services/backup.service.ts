import type JSZip from "jszip";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { FileStore } from "../files/file-store.ts";
import {
  BACKUP_TABLES,
  countLedgerRows,
  dumpTable,
  listAppliedMigrations,
  loadTable,
  resetIdentity,
  type BackupTable,
} from "../repositories/backup.repository.ts";
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
  files: { sha256: string; size: number }[];
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

  /** Writes a zip archive: manifest.json, one JSON file per table, and every evidence file by hash. */
  async createBackup(): Promise<{ bytes: Uint8Array; manifest: BackupManifest }> {
    const zip = new (await import("jszip")).default();
    const counts: Record<string, number> = {};
    // One repeatable-read snapshot on PostgreSQL so tables agree with each other.
    const tables = await this.db.transaction(async (tx) => {
      if (this.db.kind === "postgres") await tx.query("set transaction isolation level repeatable read");
      const out = new Map<BackupTable, Record<string, unknown>[]>();
      for (const table of BACKUP_TABLES) out.set(table, await dumpTable(tx, table));
      return out;
    });
    for (const [table, rows] of tables) {
      counts[table] = rows.length;
      zip.file(`tables/${table}.json`, JSON.stringify(rows));
    }
    const hashes = [...new Set((tables.get("evidence") ?? []).map((row) => String(row.sha256)))].sort();
    const files: BackupManifest["files"] = [];
    for (const sha256 of hashes) {
      if (!(await this.files.has(sha256))) throw new AppError("INTERNAL", `佐证材料文件缺失：${sha256}，备份已中止`);
      const bytes = await this.files.read(sha256);
      zip.file(`files/${sha256}`, bytes);
      files.push({ sha256, size: bytes.byteLength });
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: this.now().toISOString(),
      migrations: await listAppliedMigrations(this.db),
      counts,
      files,
    };
    zip.file("manifest.json", JSON.stringify(manifest, null, 2));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
    return { bytes, manifest };
  }

  /** Restores an archive into an empty, migrated database; every file's hash is verified first. */
  async restoreBackup(bytes: Uint8Array): Promise<BackupManifest> {
    let zip: JSZip;
    try {
      zip = await (await import("jszip")).default.loadAsync(bytes);
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
      await this.files.put(content);
    }
    await runMutation(this.db, null, async (tx, audit) => {
      for (const table of BACKUP_TABLES) {
        const file = zip.file(`tables/${table}.json`);
        if (!file) throw new AppError("VALIDATION_FAILED", `备份中缺少数据表 ${table}`);
        const rows = JSON.parse(await file.async("string")) as Record<string, unknown>[];
        if (rows.length !== manifest.counts[table]) throw new AppError("VALIDATION_FAILED", `数据表 ${table} 的行数与清单不符`);
        await loadTable(tx, table, rows);
        await resetIdentity(tx, table);
      }
      await audit({ action: "restore", entity: "database", entityId: null, orgId: null, after: { createdAt: manifest.createdAt, counts: manifest.counts } });
    });
    return manifest;
  }
}
