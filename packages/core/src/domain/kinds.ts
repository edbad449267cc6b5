/** Kind of an inspection round. */
export type InspectionKind = "regular" | "special" | "follow_up";
/** Kind of a measure by deadline category: 立行立改 / 限期整改 / 长期坚持. */
export type MeasureKind = "immediate" | "deadline" | "long_term";
/** Where a finding came from. */
export type FindingSource = "feedback" | "immediate" | "petition" | "lead" | "previous_round" | "audit";
/** Kind of an org node. */
export type OrgKind = "office" | "unit" | "department";
/** Roles a user may hold on an org subtree. */
export type Role =
  | "admin"
  | "inspection_office"
  | "discipline"
  | "rectification_office"
  | "leader"
  | "department"
  | "readonly";

/** All roles. */
export const ROLES: readonly Role[] = [
  "admin",
  "inspection_office",
  "discipline",
  "rectification_office",
  "leader",
  "department",
  "readonly",
];

/** Returns the Chinese label of a role. */
export function labelRole(role: Role): string {
  switch (role) {
    case "admin":
      return "管理员";
    case "inspection_office":
      return "巡察办";
    case "discipline":
      return "纪检监察";
    case "rectification_office":
      return "整改办";
    case "leader":
      return "责任领导";
    case "department":
      return "责任部门";
    case "readonly":
      return "只读";
  }
}

/** Returns the Chinese label of a measure kind. */
export function labelMeasureKind(kind: MeasureKind): string {
  switch (kind) {
    case "immediate":
      return "立行立改";
    case "deadline":
      return "限期整改";
    case "long_term":
      return "长期坚持";
  }
}

/** Returns the Chinese label of an inspection kind. */
export function labelInspectionKind(kind: InspectionKind): string {
  switch (kind) {
    case "regular":
      return "常规巡察";
    case "special":
      return "专项巡察";
    case "follow_up":
      return "巡察“回头看”";
  }
}

/** Returns the Chinese label of a finding source. */
export function labelFindingSource(source: FindingSource): string {
  switch (source) {
    case "feedback":
      return "巡察反馈";
    case "immediate":
      return "立行立改";
    case "petition":
      return "移交信访";
    case "lead":
      return "问题线索";
    case "previous_round":
      return "上轮遗留";
    case "audit":
      return "审计发现";
  }
}

/** Accountability kinds (问责方式). */
export type AccountabilityKind =
  | "party_discipline"
  | "government_sanction"
  | "organisational"
  | "admonishment"
  | "interview"
  | "criticism"
  | "written_review"
  | "reminder_talk"
  | "referred";

/** Accountability kinds (问责方式), in the order notices list them. */
export const ACCOUNTABILITY_KINDS: readonly AccountabilityKind[] = [
  "party_discipline",
  "government_sanction",
  "organisational",
  "admonishment",
  "interview",
  "criticism",
  "written_review",
  "reminder_talk",
  "referred",
];

/** Returns the Chinese label of an accountability kind. */
export function labelAccountabilityKind(kind: AccountabilityKind): string {
  switch (kind) {
    case "party_discipline":
      return "党纪处分";
    case "government_sanction":
      return "政务处分";
    case "organisational":
      return "组织处理";
    case "admonishment":
      return "诫勉";
    case "interview":
      return "约谈";
    case "criticism":
      return "批评教育";
    case "written_review":
      return "责令检查";
    case "reminder_talk":
      return "提醒谈话";
    case "referred":
      return "移交纪委调查";
  }
}

/** Recovery kinds: refunded (清退) or recovered (追缴/追回). */
export type RecoveryKind = "refunded" | "recovered" | "loss_retrieved";

/** Recovery kinds, in the order notices list them. */
export const RECOVERY_KINDS: readonly RecoveryKind[] = ["refunded", "recovered", "loss_retrieved"];

/** Returns the Chinese label of a recovery kind. */
export function labelRecoveryKind(kind: RecoveryKind): string {
  switch (kind) {
    case "refunded":
      return "清退";
    case "recovered":
      return "追缴";
    case "loss_retrieved":
      return "挽回损失";
  }
}
