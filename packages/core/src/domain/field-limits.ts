/**
 * Length limits of what users type, declared once: the server's request schemas and the web forms
 * (which show the count while typing) both read them.
 */
export const FIELD_LIMITS = {
  inspection: { name: 200, groupName: 100, level: 50, docNumber: 100 },
  finding: { number: 50, category: 300, title: 2000, subPoint: 2000, leadLeader: 100, progressText: 20000, planText: 20000 },
  measure: { text: 4000, leaderName: 100, ownerName: 100, note: 2000 },
  progress: { text: 10000 },
  evidence: { description: 500, fileName: 200 },
  notice: { title: 300, issuer: 200, contact: 200, text: 50000 },
  /** Why a record was voided (作废) or a round archived (归档). */
  reason: 500,
} as const;

/** A finding's fields as forms and messages name them (整改计划, 整改情况 …). */
export const FINDING_FIELD_LABELS = {
  number: "序号",
  category: "问题方面",
  title: "问题",
  subPoints: "具体表现",
  source: "问题来源",
  leadLeader: "牵头领导",
  leadDepartmentId: "牵头部门",
  dueDate: "完成时限",
  progressText: "整改情况",
  planText: "整改计划",
} as const;
