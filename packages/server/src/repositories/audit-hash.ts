// The audit chain's arithmetic, shared by the writer (audit.repository.ts) and the verifier
// (services/audit.service.ts): RFC 8785 canonical JSON of an entry's content and the previous
// entry's hash, hashed with sha256.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { AuditEntry } from "./audit.repository.ts";

/** The "previous hash" of the first chained entry. */
export const GENESIS_HASH = "0".repeat(64);

/** What an entry's hash covers: every column but the hash itself. */
export type HashedAuditContent = AuditEntry & { prevHash: string };

/** Normalises a before/after value as the database stores and returns it (JSON round trip; absent → null). */
export function normaliseAuditValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value) ?? "null");
}

/** The canonical text an entry's hash is computed over (version-tagged so the rule can evolve). */
export function canonicalAuditText(content: HashedAuditContent): string {
  return canonicalize({
    v: 1,
    id: content.id,
    at: content.at,
    actorId: content.actorId,
    actorName: content.actorName,
    action: content.action,
    entity: content.entity,
    entityId: content.entityId,
    orgId: content.orgId,
    before: normaliseAuditValue(content.before),
    after: normaliseAuditValue(content.after),
    prevHash: content.prevHash,
  }) as string;
}

/** sha256 (hex) of an entry's canonical text. */
export function hashAuditContent(content: HashedAuditContent): string {
  return createHash("sha256").update(canonicalAuditText(content), "utf8").digest("hex");
}
