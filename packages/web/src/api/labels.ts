// Chinese labels for audit actions and entities (the trail stores English codes).

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
    remind: "发出提醒",
    escalate: "逾期预警",
    request_extension: "申请延期",
    extend: "批准延期",
    reject_extension: "不批准延期",
    reject: "不批准",
    directive: "下发督办单",
    close: "办结",
    generate: "生成",
    send: "报送",
    read: "标记已读",
    update_clock_rules: "设置期限规则",
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
    extension: "延期申请",
    interview: "约谈记录",
    weekly_report: "周汇报",
    notification: "消息",
    notification_settings: "消息设置",
  };
  return labels[entity] ?? entity;
}

/**
 * Formats an ISO timestamp to the minute in Asia/Shanghai, the product's display zone, whatever
 * zone the browser is set to (UTC+8 all year: no daylight saving).
 */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
