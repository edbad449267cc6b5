// Chinese labels for audit actions and entities: the trail stores English codes; screens and the
// audit-log export show these.

/** Returns the Chinese label of an audit action. */
export function labelAuditAction(action: string): string {
  const labels: Record<string, string> = {
    create: "新建",
    update: "修改",
    bulk_assign: "批量指派",
    import: "导入",
    delete: "删除",
    status: "变更状态",
    progress: "报送进展",
    evidence: "上传佐证材料",
    submit_closure: "提交销号",
    approve: "签字确认",
    return: "退回",
    withdraw: "撤回",
    login: "登录",
    setup: "系统初始化",
    load_demo: "加载演示数据",
    change_password: "修改密码",
    moderate: "审核意见",
    reply: "回复督办",
    approved: "审核通过",
    published: "发布",
    withdrawn: "撤回发布",
    draft: "退回草稿",
    reset_password: "重置密码",
    link_person: "关联人员账号",
    self_review: "回头看自查",
    review: "回头看督查",
    reopen: "重新打开",
    reschedule: "重新确定完成时限",
    revoke: "撤销",
    logout: "退出登录",
    restore: "恢复备份",
    void: "作废",
    archive: "归档",
    unarchive: "取消归档",
    acknowledge: "确认检查提醒",
    update_progress: "修改整改进展",
    void_progress: "作废整改进展",
    correct_progress: "更正整改进展",
    update_evidence: "修改佐证材料",
    void_evidence: "作废佐证材料",
  };
  return labels[action] ?? action;
}

/** Returns the Chinese label of an audited entity. */
export function labelAuditEntity(entity: string): string {
  const labels: Record<string, string> = {
    measure: "整改措施",
    finding: "问题",
    inspection: "巡察轮次",
    closure: "销号申请",
    evidence: "佐证材料",
    progress_report: "整改进展",
    review: "回头看",
    user: "用户",
    org: "组织",
    notice: "通报",
    public_comment: "群众意见",
    rule: "建章立制",
    accountability: "问责",
    recovery: "清退追缴",
    petition: "信访件",
    lead: "问题线索",
    directive: "督办单",
    delegation: "代签授权",
    database: "数据库",
  };
  return labels[entity] ?? entity;
}
