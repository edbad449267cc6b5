import type { Role } from "./kinds.ts";

// Shapes the API answers and the screens show, declared once for the server and the web.

/** A user who can be chosen as 责任领导, 责任人, department head or delegate within a unit. */
export interface PersonOption {
  id: number;
  displayName: string;
  username: string;
  isActive: boolean;
  /** Roles with the org each is held on. */
  grants: { orgId: number; orgName: string; role: Role }[];
}

/** A delegation (代签授权): who may sign whose routed sign-off steps, and when. */
export interface DelegationView {
  id: number;
  principalId: number;
  principalName: string;
  delegateId: number;
  delegateName: string;
  startsOn: string;
  endsOn: string | null;
  reason: string;
  createdBy: number | null;
  createdAt: string;
  revokedAt: string | null;
  /** In force today: started, not ended, not revoked. */
  isActive: boolean;
}

/** What a search hit is. */
export type SearchHitKind = "finding" | "measure" | "rule" | "accountability" | "recovery" | "petition" | "lead" | "directive";

/** One search hit: what it is, where it belongs and the text that matched. */
export interface SearchHit {
  kind: SearchHitKind;
  id: number;
  title: string;
  /** Secondary text (文号, the finding of a measure, a note). */
  detail: string | null;
  inspectionId: number | null;
  inspectionName: string | null;
  orgName: string;
  /** The finding a measure or a register row belongs to, when it has one. */
  findingId: number | null;
}

/** A name on a unit's measures (责任领导 or 责任人) that is not linked to an account yet. */
export interface UnlinkedName {
  field: "leader" | "owner";
  name: string;
  measureCount: number;
  /** Active users of the unit with exactly this name (the likely account). */
  suggestedUserIds: number[];
}
