import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { GENESIS_HASH, hashAuditContent } from "../repositories/audit-hash.ts";
import { findAuditHead, listAuditEntriesAfter, type StoredAuditEntry } from "../repositories/audit.repository.ts";
import { AccessScope, type Actor } from "./access.ts";

/** Why a link of the chain is broken. */
export type AuditBreak = "content_changed" | "previous_missing" | "hash_missing";

/** The first broken link, named so a person can find it. */
export interface BrokenAuditLink {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  reason: AuditBreak;
  /** Chinese sentence naming the entry and what is wrong with it. */
  message: string;
}

/** What walking the chain found. */
export interface AuditVerification {
  isIntact: boolean;
  /** Entries read. */
  entries: number;
  /** Entries covered by the chain. */
  chained: number;
  /** Entries written before the chain existed (migration 0021), not covered. */
  legacy: number;
  head: { id: number; hash: string } | null;
  firstBroken: BrokenAuditLink | null;
  /** Present when an anchor was given: whether that hash is a link of the intact chain. */
  anchorFound?: boolean;
}

const REASONS: Record<AuditBreak, string> = {
  content_changed: "内容与其哈希不符（该记录被改动过）",
  previous_missing: "与前一条记录的哈希衔接不上（前面的记录被删除、插入或改动过）",
  hash_missing: "在哈希链开始之后却没有哈希（绕过程序直接写入）",
};

function describeBreak(entry: StoredAuditEntry, reason: AuditBreak): BrokenAuditLink {
  const what = `${entry.entity}${entry.entityId ? ` #${entry.entityId}` : ""} 的“${entry.action}”`;
  return {
    id: entry.id,
    at: entry.at,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    reason,
    message: `审计链在第 ${entry.id} 条记录处断裂（${entry.at}，${what}）：${REASONS[reason]}`,
  };
}

/** Checks one entry against the hash of the entry before it; null when the link holds. */
export function checkAuditLink(entry: StoredAuditEntry, prevHash: string): AuditBreak | null {
  if (!entry.hash || !entry.prevHash) return "hash_missing";
  const recomputed = hashAuditContent({ ...entry, prevHash: entry.prevHash });
  if (recomputed !== entry.hash) return "content_changed";
  if (entry.prevHash !== prevHash) return "previous_missing";
  return null;
}

/** The tamper-evident audit trail: its head (to anchor elsewhere) and the verification of the chain. */
export class AuditService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The newest chained entry's id and hash; any signed-in user may read it (it reveals no content). */
  async getHead(): Promise<{ id: number; at: string; hash: string } | null> {
    return findAuditHead(this.db);
  }

  /**
   * Walks the whole chain in id order and names the first broken link. `actor` null is the trusted
   * CLI; a user must be an administrator. `anchor` is a head hash kept elsewhere earlier: it must
   * appear in the intact chain, or history before it was rewritten wholesale.
   */
  async verifyChain(actor: Actor | null, options: { anchor?: string } = {}): Promise<AuditVerification> {
    if (actor && !(await (await AccessScope.load(this.db, actor)).isRootAdmin(this.db))) {
      throw new AppError("FORBIDDEN", "只有系统管理员可以校验审计链");
    }
    const anchor = options.anchor?.trim().toLowerCase();
    if (anchor !== undefined && !/^[0-9a-f]{64}$/.test(anchor)) throw new AppError("VALIDATION_FAILED", "锚定哈希应为 64 位十六进制字符");
    let afterId = 0;
    let prevHash = GENESIS_HASH;
    let hasChainStarted = false;
    const result: AuditVerification = { isIntact: true, entries: 0, chained: 0, legacy: 0, head: null, firstBroken: null };
    let anchorFound = false;
    for (;;) {
      const page = await listAuditEntriesAfter(this.db, afterId, 1000);
      if (page.length === 0) break;
      for (const entry of page) {
        result.entries += 1;
        afterId = entry.id;
        if (!hasChainStarted && !entry.hash) {
          result.legacy += 1;
          continue;
        }
        hasChainStarted = true;
        const broken = checkAuditLink(entry, prevHash);
        if (broken) {
          result.isIntact = false;
          result.firstBroken = describeBreak(entry, broken);
          return { ...result, ...(anchor ? { anchorFound } : {}) };
        }
        result.chained += 1;
        prevHash = entry.hash as string;
        result.head = { id: entry.id, hash: prevHash };
        if (anchor && prevHash === anchor) anchorFound = true;
      }
    }
    if (anchor && !anchorFound) result.isIntact = false;
    return { ...result, ...(anchor ? { anchorFound } : {}) };
  }
}
