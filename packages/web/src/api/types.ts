// Shapes of the API's answers, as the screens use them (the server's services are the source).
import type { NoticeCheckWarning } from "./register-types.ts";
import type { AccountabilityKind, CompletionStats, DeadlineLight, EvidenceCategory, FindingSource, GroupStats, InspectionKind, LedgerField, LedgerFlag, MeasureKind, OrgKind, RecoveryKind, Role, Status } from "@zhenggai/core";

/** A page of results. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** True when more than 2,000 rows matched: `total` is then the database's estimate. */
  totalIsEstimate?: boolean;
}

/** The signed-in user with role grants. */
export interface SessionUser {
  userId: number;
  username: string;
  displayName: string;
  grants: { orgId: number; role: Role }[];
}

/** An org node. */
export interface Org {
  id: number;
  parentId: number | null;
  kind: OrgKind;
  name: string;
  partyOrgName: string | null;
  path: string;
  settings: { signoffChain?: Role[] };
  /** The department's head (负责人), who signs its department step. */
  headUserId?: number | null;
  version: number;
}

/** GET /api/auth/me. */
export interface MeResponse {
  user: SessionUser;
  csrfToken: string;
  /** True after an administrator's password reset: the user must change it before anything else. */
  mustChangePassword?: boolean;
  orgs: Org[];
  /** The server's calendar (Asia/Shanghai) and yellow-light window, so lights match the server's. */
  clock: ServerClock;
}

/** Today as the server counts deadlines, and how many days before a due date an item turns yellow. */
export interface ServerClock {
  today: string;
  yellowDays: number;
}

/** An inspection round. */
export interface Inspection {
  id: number;
  orgId: number;
  orgName?: string;
  name: string;
  kind: InspectionKind;
  groupName: string | null;
  level: string | null;
  startDate: string | null;
  endDate: string | null;
  feedbackDate: string | null;
  feedbackDocNumbers: string[];
  findingCount?: number;
  /** Set when archived (归档): read-only. */
  archivedAt?: string | null;
  archiveReason?: string | null;
  version: number;
}

/** A finding in the ledger list. */
export interface Finding {
  id: number;
  inspectionId: number;
  orgId: number;
  seq: number;
  number: string;
  category: string | null;
  title: string;
  subPoints: string[];
  source: FindingSource;
  status: Status;
  leadLeader: string | null;
  leadDepartmentId: number | null;
  leadDepartmentName?: string | null;
  dueDate: string | null;
  progressText: string | null;
  planText: string | null;
  measureCount?: number;
  /** Checker flags of the ledger view (overdue, no measures, …); empty when none. */
  flags?: LedgerFlag[];
  /** Set when voided (作废): kept, struck through, out of the figures. */
  voidedAt?: string | null;
  voidReason?: string | null;
  version: number;
}

/** A measure as stored. */
export interface Measure {
  id: number;
  findingId: number;
  orgId: number;
  seq: number;
  text: string;
  kind: MeasureKind;
  leaderName: string | null;
  /** The 责任领导's account; null with a name means a name-only (unlinked) value. */
  leaderUserId: number | null;
  departmentId: number | null;
  ownerName: string | null;
  ownerUserId: number | null;
  dueDate: string | null;
  originalDueDate: string | null;
  status: Status;
  note: string | null;
  voidedAt?: string | null;
  voidReason?: string | null;
  version: number;
  updatedAt: string;
  /** The 红黄绿 light under the unit's deadline rules (computed by the server). */
  light?: DeadlineLight;
}

/** A measure in the 任务清单 list. */
export interface MeasureListItem extends Measure {
  departmentName: string | null;
  inspectionId: number;
  findingTitle: string;
  findingNumber: string;
  findingSeq: number;
  category: string | null;
  evidenceCount: number;
  pendingClosureId: number | null;
}

/** A progress report. */
export interface ProgressReport {
  id: number;
  reportDate: string;
  text: string;
  authorName?: string | null;
  createdAt: string;
  correctsId?: number | null;
  voidedAt?: string | null;
  voidReason?: string | null;
  voidedByName?: string | null;
  version: number;
}

/** An evidence file. */
export interface Evidence {
  id: number;
  sha256: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  effectiveDate: string | null;
  description: string | null;
  uploaderName?: string | null;
  createdAt: string;
  category: EvidenceCategory;
  voidedAt?: string | null;
  voidReason?: string | null;
  voidedByName?: string | null;
  version: number;
}

/** One decision on a closure. */
export interface ClosureDecision {
  id: number;
  stepIndex: number;
  userName?: string;
  decision: "approved" | "returned";
  /** 审核意见. */
  reason: string | null;
  /** Signed on behalf of this person (代签). */
  onBehalfOf?: number | null;
  onBehalfOfName?: string | null;
  decidedAt: string;
}

/** One step of a closure's sign-off chain, with the person it was routed to. */
export interface ClosureStep {
  role: string;
  label: string;
  assigneeId?: string | null;
  assigneeName?: string | null;
}

/** A closure request with its chain and decisions. */
export interface Closure {
  id: number;
  measureId: number;
  targetStatus: "completed" | "completed_long_term";
  state: "pending" | "approved" | "returned" | "withdrawn";
  chain: ClosureStep[];
  note: string | null;
  submittedBy: number;
  submitterName: string;
  submittedAt: string;
  decidedAt: string | null;
  /** Set when a 回头看 rebound reopened the measure after this approval. */
  reopenedAt?: string | null;
  decisions: ClosureDecision[];
}

/** A pending closure in the sign-off inbox. */
export interface PendingClosure {
  id: number;
  measureId: number;
  measureText: string;
  findingTitle: string;
  inspectionId: number;
  submitterName: string;
  submittedAt: string;
  targetStatus: "completed" | "completed_long_term";
  canDecide: boolean;
  nextStep: string;
  /** Set when the user signs this step for someone else (代签). */
  onBehalfOfName?: string | null;
}

/** A 回头看 review. */
export interface Review {
  id: number;
  reviewDate: string;
  outcome: "confirmed" | "rebound";
  /** 自查 (the unit itself) or 督查 (supervisors). */
  kind?: "self" | "supervision";
  newDueDate?: string | null;
  reviewerName?: string | null;
  note: string | null;
  createdAt: string;
}

/** An audit trail entry. */
export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  orgName?: string | null;
  before: unknown;
  after: unknown;
}

/** GET /api/measures/:id. */
export interface MeasureDetail {
  measure: Measure;
  finding: Finding;
  progress: ProgressReport[];
  evidence: Evidence[];
  closures: Closure[];
  reviews: Review[];
  history: AuditEntry[];
  permissions: { canEdit: boolean; canReport: boolean; canSubmitClosure: boolean; canReview: boolean; canSelfReview?: boolean };
}

/** GET /api/dashboard. */
export interface DashboardView {
  findings: CompletionStats;
  measures: CompletionStats;
  lights: Record<DeadlineLight, number>;
  overdue: number;
  byCategory: GroupStats[];
  byDepartment: GroupStats[];
  byLeader: GroupStats[];
  /** 申请延期 figures. */
  extensions?: { requested: number; approved: number; pending: number; measuresExtended: number };
}

/** One unit in the supervisors' roll-up. */
export interface RollupRow extends CompletionStats {
  orgId: number;
  orgName: string;
  overdue: number;
  rank: number;
  directives?: number;
  openDirectives?: number;
  overdueDirectives?: number;
  interviews?: number;
}

/** POST /api/demo. */
export interface DemoResult {
  inspectionId: number;
  unitOrgId: number;
  accounts: { username: string; displayName: string; role: Role; password: string }[];
}

/** A user in administration. */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  isActive: boolean;
  mustChangePassword?: boolean;
  version: number;
  grants: { orgId: number; orgName: string; role: Role }[];
}

/** Notice states. */
export type NoticeState = "draft" | "approved" | "published" | "withdrawn";

/** A notice (通报). */
export interface Notice {
  id: number;
  orgId: number;
  inspectionId: number;
  state: NoticeState;
  title: string;
  texts: Record<string, string>;
  contacts: { phones: string[]; emails: string[]; postal: string[] };
  issuer: string | null;
  noticeDate: string | null;
  publicStart: string | null;
  publicEnd: string | null;
  figures: unknown;
  approvedAt: string | null;
  publishedAt: string | null;
  version: number;
}

/** A checker finding on an imported notice. */
export interface CheckFindingView {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  problemSeqs?: number[];
  evidence?: string;
}

/** POST /api/orgs/:id/imports/notice/preview (and the import's result, with inspectionId). */
export interface NoticeImportPreview {
  fileName: string;
  format: string;
  sha256: string;
  plan: {
    inspection: { name: string; groupName: string | null; feedbackDate: string | null };
    findings: { number: string; category: string | null; title: string; status: Status; measures?: unknown[] }[];
    warnings: string[];
  };
  checks: CheckFindingView[];
  /** False when no problem list could be read (STRUCTURE_NOT_FOUND): the import is refused. */
  canImport: boolean;
  existing: { inspectionId: number; name: string; matchedBy: "source" | "feedback" } | null;
  changes: { op: string; description: string }[];
  inspectionId?: number;
  isChanged?: boolean;
}

/** GET /api/notices/:id/check. */
export interface NoticeCheck {
  figures: Record<string, unknown> & { problemsTotal: number; completed: number; phased: number; notCompleted: number; completionRate?: number };
  mismatches: { field: string; kind: string; message: string }[];
  warnings: NoticeCheckWarning[];
  canApprove: boolean;
  /** Why approval is refused, in Chinese. */
  blockers: string[];
}

/** One column of an Excel ledger as the import detected it (field null: ignored). */
export interface LedgerColumnView {
  column: number;
  header: string;
  field: LedgerField | null;
}

/** Fields an Excel ledger column can map to. */
export type { LedgerField };

/** POST /api/inspections/:id/imports/ledger/preview. */
export interface LedgerWorkbookPreview {
  sheetName: string;
  headerRow: number;
  columns: LedgerColumnView[];
  warnings: string[];
  rowCount: number;
  findings: { number: string; category: string | null; title: string; status: Status; measureCount: number }[];
  measureCount: number;
  departments: { name: string; departmentId: number | null }[];
  unmatchedDepartments: string[];
  matchedPeople: string[];
  existingFindingCount: number;
}

/** POST /api/inspections/:id/imports/ledger. */
export interface LedgerWorkbookImportResult {
  inspectionId: number;
  findingsCreated: number;
  measuresCreated: number;
  createdDepartments: string[];
  unmatchedDepartments: string[];
  warnings: string[];
}

/** One week of GET /api/dashboard/timeline: measures completed by that date out of all. */
export interface TimelinePoint {
  date: string;
  completed: number;
  total: number;
}

/** A public comment on a published notice, awaiting or after moderation. */
export interface PublicComment {
  id: number;
  noticeId: number;
  text: string;
  contact: string | null;
  state: "pending" | "accepted" | "rejected";
  moderatedBy: number | null;
  version: number;
  createdAt: string;
}

/** A rule (制度) in the register; linked to findings by id. */
export interface RuleRow {
  id: number;
  title: string;
  docNumber: string | null;
  issuedDate: string | null;
  findingIds: number[];
}

/** An accountability record. */
export interface AccountabilityRow {
  id: number;
  kind: AccountabilityKind;
  personName: string | null;
  people: number | null;
  decidedDate: string | null;
  note: string | null;
}

/** A money recovery record (amounts in fen). */
export interface RecoveryRow {
  id: number;
  kind: RecoveryKind;
  amountFen: number;
  recoveredDate: string | null;
  note: string | null;
}

/** People pickers, delegations and search hits: shapes declared once in core. */
export type { DelegationView as Delegation, PersonOption, SearchHit, UnlinkedName } from "@zhenggai/core";
