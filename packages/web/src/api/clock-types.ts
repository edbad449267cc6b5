// Shapes of the clock's API answers (rules, notifications, extensions, 督办, 约谈, 周汇报) as the screens use them.
import type { ClockRules, NotificationKind, Role, RoundWindow, WeeklyReportContent, WindowKey } from "@zhenggai/core";

/** A notification in the bell. */
export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /api/notifications/settings. */
export interface NotificationSettings {
  email: string | null;
  emailKinds: NotificationKind[];
  isMailConfigured: boolean;
}

/** GET /api/orgs/:id/clock-rules. */
export interface ClockRulesView {
  rules: ClockRules;
  definedAt: number | null;
  yellowDays: number;
  canEdit: boolean;
}

/** GET /api/inspections/:id/clock. */
export interface RoundClock {
  feedbackDate: string | null;
  today: string;
  windows: (RoundWindow & { state: "past" | "current" | "upcoming" })[];
  measureDefaults: Record<string, WindowKey | null>;
}

/** One extension request (申请延期). */
export interface ExtensionItem {
  id: number;
  previousDueDate: string | null;
  requestedDueDate: string;
  reason: string;
  state: "pending" | "approved" | "rejected" | "withdrawn";
  requestedBy: number;
  requesterName: string;
  requestedAt: string;
  deciderName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** GET /api/measures/:id/extensions. */
export interface ExtensionList {
  originalDueDate: string | null;
  dueDate: string | null;
  approverRole: Role;
  approverLabel: string;
  canRequest: boolean;
  canDecide: boolean;
  items: ExtensionItem[];
}

/** A directive (督办单) in the register. */
export interface DirectiveItem {
  id: number;
  orgId: number;
  unitName: string;
  issuerOrgName: string;
  issuerName: string | null;
  inspectionId: number | null;
  findingId: number | null;
  findingNumber: string | null;
  findingTitle: string | null;
  measureId: number | null;
  measureText: string | null;
  text: string;
  replyDue: string | null;
  replyText: string | null;
  repliedAt: string | null;
  state: "open" | "replied" | "closed";
  closeNote: string | null;
  closedAt: string | null;
  createdAt: string;
  fileCount: number;
  isOverdue: boolean;
  version: number;
}

/** GET /api/directives/:id. */
export interface DirectiveDetail {
  directive: DirectiveItem;
  files: { id: number; fileName: string; sizeBytes: number; sha256: string; uploaderName: string | null; createdAt: string }[];
  history: { id: number; at: string; actorName: string; action: string }[];
  permissions: { canReply: boolean; canClose: boolean };
}

/** A 约谈 record. */
export interface InterviewItem {
  id: number;
  orgId: number;
  unitName: string;
  inspectionId: number | null;
  interviewer: string;
  interviewee: string;
  heldOn: string;
  location: string | null;
  subject: string;
  findingIds: number[];
  measureIds: number[];
  outcome: string | null;
  recorderName: string | null;
  version: number;
}

/** A weekly report in the list. */
export interface WeeklyReportListItem {
  id: number;
  orgId: number;
  unitName: string;
  periodStart: string;
  periodEnd: string;
  state: "draft" | "sent";
  sentAt: string | null;
  version: number;
}

/** GET /api/weekly-reports/:id. */
export interface WeeklyReportView extends WeeklyReportListItem {
  content: WeeklyReportContent;
  canEdit: boolean;
}

/** GET /api/weekly-reports/status. */
export interface WeeklyReportStatus {
  periodStart: string;
  periodEnd: string;
  units: { orgId: number; orgName: string; reportId: number | null; state: "draft" | "sent" | null; sentAt: string | null }[];
}
