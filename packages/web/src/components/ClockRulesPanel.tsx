import { useEffect, useState } from "react";
import { Alert, App, Button, Card, Empty, InputNumber, Select, Space, Table, Typography } from "antd";
import {
  labelLadderTrigger,
  labelRecipientKind,
  labelRole,
  RECIPIENT_KINDS,
  ROLES,
  WINDOW_KEYS,
  type ClockRules,
  type LadderStep,
  type RecipientKind,
  type Role,
  type WindowRule,
} from "@zhenggai/core";
import { apiFetch, describeError } from "../api/client.ts";
import type { ClockRulesView } from "../api/clock-types.ts";
import { useApi } from "../hooks/useApi.ts";
import { useSession } from "../hooks/useSession.ts";

const WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const LIGHTS: Record<string, string> = { green: "绿灯", yellow: "黄灯", red: "红灯" };

function RecipientSelect({ value, options, onChange }: { value: RecipientKind[]; options: readonly RecipientKind[]; onChange: (v: RecipientKind[]) => void }) {
  return <Select mode="multiple" size="small" style={{ minWidth: 200 }} value={value} onChange={onChange} options={options.map((k) => ({ value: k, label: labelRecipientKind(k) }))} />;
}

function LadderTable({ steps, recipients, onChange, testId }: { steps: LadderStep[]; recipients: readonly RecipientKind[]; onChange: (steps: LadderStep[]) => void; testId: string }) {
  const update = (index: number, patch: Partial<LadderStep>): void => onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  return (
    <Table<LadderStep>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={steps}
      data-testid={testId}
      columns={[
        { title: "阶梯", dataIndex: "label", width: 150 },
        { title: "触发", width: 110, render: (_v, s) => labelLadderTrigger(s.trigger) },
        { title: "天数", width: 110, render: (_v, s, i) => <InputNumber size="small" min={s.trigger === "no_progress" ? 1 : 0} max={365} value={s.days} onChange={(v) => update(i, { days: Number(v ?? 0) })} aria-label={`${s.label}天数`} /> },
        { title: "灯色", width: 70, render: (_v, s) => (s.light ? LIGHTS[s.light] : "—") },
        { title: "提醒对象", render: (_v, s, i) => <RecipientSelect value={s.recipients} options={recipients} onChange={(v) => update(i, { recipients: v })} /> },
      ]}
    />
  );
}

/** 期限规则与提醒: the windows, the escalation ladder, the extension approver and the weekly report day of an org; and whether e-mail is on. */
export function ClockRulesPanel() {
  const { orgs } = useSession();
  const { message } = App.useApp();
  const candidates = orgs.filter((o) => o.kind !== "department");
  const [orgId, setOrgId] = useState<number | undefined>(candidates[0]?.id);
  const view = useApi<ClockRulesView>(orgId ? `/api/orgs/${orgId}/clock-rules` : null);
  const mail = useApi<{ isConfigured: boolean; description: string | null }>("/api/system/mail");
  const [rules, setRules] = useState<ClockRules | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  useEffect(() => setRules(view.data?.rules ?? null), [view.data]);

  const save = async (next: ClockRules | null, success: string): Promise<void> => {
    setIsBusy(true);
    try {
      await apiFetch(`/api/orgs/${orgId}/clock-rules`, { method: "PUT", body: { rules: next } });
      message.success(success);
      view.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const updateWindow = (index: number, patch: Partial<WindowRule>): void => {
    if (rules) setRules({ ...rules, windows: rules.windows.map((w, i) => (i === index ? { ...w, ...patch } : w)) });
  };
  const definedAt = view.data?.definedAt;

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12}>
      {mail.data && (
        <Alert
          type={mail.data.isConfigured ? "success" : "warning"}
          showIcon
          data-testid="mail-status"
          title={mail.data.isConfigured ? `邮件提醒已启用：${mail.data.description}` : "未配置邮件服务器（ZG_SMTP_HOST 等环境变量）：消息仅在系统内提醒，不发送邮件。"}
        />
      )}
      <Space wrap>
        <Typography.Text>设置对象：</Typography.Text>
        <Select style={{ width: 260 }} value={orgId} onChange={setOrgId} options={candidates.map((o) => ({ value: o.id, label: o.name }))} aria-label="设置期限规则的单位" />
        {view.data && (
          <Typography.Text type="secondary">
            {definedAt === orgId ? "本级已设置" : definedAt ? `沿用上级“${orgs.find((o) => o.id === definedAt)?.name ?? definedAt}”的设置` : "使用系统默认设置"}；黄灯提前 {view.data.yellowDays} 天
          </Typography.Text>
        )}
      </Space>
      {!rules ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Card size="small" title="整改期限（自反馈日期起算）">
            <Table<WindowRule>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rules.windows}
              data-testid="window-rules"
              columns={[
                { title: "期限", dataIndex: "label", width: 170 },
                { title: "起算", width: 130, render: (_v, w) => (w.anchor === "feedback" ? "反馈日期" : rules.windows.find((x) => x.key === w.anchor)?.label ?? w.anchor) },
                { title: "月", width: 90, render: (_v, w, i) => <InputNumber size="small" min={0} max={36} value={w.months} onChange={(v) => updateWindow(i, { months: Number(v ?? 0) })} aria-label={`${w.label}月数`} /> },
                { title: "天", width: 90, render: (_v, w, i) => <InputNumber size="small" min={0} max={366} value={w.days} onChange={(v) => updateWindow(i, { days: Number(v ?? 0) })} aria-label={`${w.label}天数`} /> },
                {
                  title: "提前提醒（天）",
                  width: 200,
                  render: (_v, w, i) => (
                    <Select
                      mode="tags"
                      size="small"
                      style={{ width: "100%" }}
                      value={w.remindDaysBefore.map(String)}
                      onChange={(values: string[]) => updateWindow(i, { remindDaysBefore: values.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n <= 90) })}
                    />
                  ),
                },
                { title: "提醒对象", render: (_v, w, i) => <RecipientSelect value={w.recipients} options={["rectification_office", "principal", "supervisor"]} onChange={(v) => updateWindow(i, { recipients: v })} /> },
              ]}
            />
          </Card>
          <Card size="small" title="整改措施预警阶梯（红黄绿灯按此计算）">
            <LadderTable steps={rules.ladder} recipients={RECIPIENT_KINDS.filter((k) => k !== "issuer")} onChange={(ladder) => setRules({ ...rules, ladder })} testId="ladder-rules" />
          </Card>
          <Card size="small" title="督办单提醒阶梯">
            <LadderTable steps={rules.directiveLadder} recipients={["rectification_office", "principal", "supervisor", "issuer"]} onChange={(directiveLadder) => setRules({ ...rules, directiveLadder })} testId="directive-ladder-rules" />
          </Card>
          <Space wrap>
            <span>新措施默认时限：</span>
            {(["immediate", "deadline", "long_term"] as const).map((kind) => (
              <Select
                key={kind}
                size="small"
                style={{ width: 200 }}
                value={rules.measureDefaults[kind]}
                onChange={(v) => setRules({ ...rules, measureDefaults: { ...rules.measureDefaults, [kind]: v } })}
                options={[{ value: null, label: `${{ immediate: "立行立改", deadline: "限期整改", long_term: "长期坚持" }[kind]}：不设默认` }, ...WINDOW_KEYS.filter((k) => rules.windows.some((w) => w.key === k)).map((k) => ({ value: k, label: `${{ immediate: "立行立改", deadline: "限期整改", long_term: "长期坚持" }[kind]}：${rules.windows.find((w) => w.key === k)?.label}` }))]}
              />
            ))}
          </Space>
          <Space wrap>
            <span>延期审批：</span>
            <Select<Role> size="small" style={{ width: 140 }} value={rules.extensionApprover} onChange={(v) => setRules({ ...rules, extensionApprover: v })} options={ROLES.filter((r) => r !== "readonly").map((r) => ({ value: r, label: labelRole(r) }))} aria-label="延期审批角色" />
            <span>周汇报生成日：</span>
            <Select size="small" style={{ width: 100 }} value={rules.weeklyReportDay} onChange={(v: number) => setRules({ ...rules, weeklyReportDay: v })} options={WEEKDAYS.map((label, i) => ({ value: i + 1, label }))} aria-label="周汇报生成日" />
            <span>停机后补发逾期提醒的期限：</span>
            <InputNumber size="small" min={0} max={365} value={rules.catchUpDays} onChange={(v) => setRules({ ...rules, catchUpDays: Number(v ?? 0) })} addonAfter="天" />
          </Space>
          {view.data?.canEdit && (
            <Space>
              <Button type="primary" onClick={() => void save(rules, "期限规则已保存")} loading={isBusy} data-testid="save-clock-rules">
                保存期限规则
              </Button>
              {definedAt === orgId && (
                <Button onClick={() => void save(null, "已恢复为沿用上级或默认设置")} loading={isBusy}>
                  恢复沿用上级设置
                </Button>
              )}
            </Space>
          )}
        </>
      )}
    </Space>
  );
}
