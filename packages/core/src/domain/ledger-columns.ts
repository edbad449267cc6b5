// The columns of an Excel ledger (整改台账): the fields a sheet column can hold and the header each
// is written and shown under. Shared by the server's reader/writer and the import wizard.

/** The Chinese header of each ledger field, in the order of the ledger sheet. */
export const LEDGER_FIELD_HEADERS = {
  number: "序号",
  category: "问题类别",
  finding: "反馈问题",
  measure: "整改措施",
  leader: "责任领导",
  department: "责任部门",
  owner: "责任人",
  dueDate: "完成时限",
  progress: "整改进展",
  status: "整改状态",
  evidence: "佐证材料",
  note: "备注",
} as const;

/** A ledger field a sheet column can hold. */
export type LedgerField = keyof typeof LEDGER_FIELD_HEADERS;
