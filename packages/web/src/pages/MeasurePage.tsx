import { useState } from "react";
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { isCompletedStatus, isStatus, labelMeasureKind, labelStatus, type MeasureKind, type Status } from "@zhenggai/core";
import { Link, useParams } from "react-router";
import { apiFetch, describeError } from "../api/client.ts";
import { formatTime, labelAuditAction } from "../api/labels.ts";
import type { AuditEntry, Closure, MeasureDetail, PendingClosure } from "../api/types.ts";
import { DeadlineLamp, describeDue } from "../components/DeadlineLamp.tsx";
import { MeasureFormFields } from "../components/MeasureFormFields.tsx";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { EvidenceCard } from "../components/EvidenceCard.tsx";
import { MeasureVoidActions } from "../components/MeasureVoidActions.tsx";
import { ProgressCard } from "../components/ProgressCard.tsx";
import { ExtensionsCard } from "../components/ExtensionsCard.tsx";
import { FindingRegistersCard } from "../components/FindingRegistersCard.tsx";
import { useIsNarrow } from "../components/ResponsiveTable.tsx";
import { ItemList } from "../components/ItemList.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { StatusTag } from "../components/StatusTag.tsx";
import { useApi } from "../hooks/useApi.ts";
import { useSession } from "../hooks/useSession.ts";

const CLOSURE_STATE: Record<Closure["state"], { label: string; color: string }> = {
  pending: { label: "审核中", color: "processing" },
  approved: { label: "已销号", color: "success" },
  returned: { label: "已退回", color: "error" },
  withdrawn: { label: "已撤回", color: "default" },
};

function describeHistory(entry: AuditEntry): string {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  switch (entry.action) {
    case "status": {
      const from = isStatus(before.status) ? labelStatus(before.status) : "—";
      const to = isStatus(after.status) ? labelStatus(after.status) : "—";
      return `${from} → ${to}${typeof after.reason === "string" && after.reason ? `（${after.reason}）` : ""}`;
    }
    case "progress":
      return typeof after.text === "string" ? after.text : "";
    case "evidence":
      return typeof after.fileName === "string" ? after.fileName : "";
    case "void":
    case "void_progress":
    case "void_evidence":
      // A void is shown with what was voided and why; the record itself stays on the page, struck through.
      return [typeof after.fileName === "string" ? after.fileName : typeof after.text === "string" ? after.text : "", typeof after.reason === "string" ? `原因：${after.reason}` : ""].filter(Boolean).join("，");
    case "approve":
    case "return": {
      const behalf = after.onBehalfOf as { name?: string | null } | null | undefined;
      return [after.step, behalf?.name ? `代${behalf.name}签` : "", after.opinion ? `审核意见：${String(after.opinion)}` : ""].filter(Boolean).join("，");
    }
    case "submit_closure": {
      const chain = (after.chain ?? []) as { label: string; assigneeName: string | null }[];
      return chain.map((s) => (s.assigneeName ? `${s.label}（${s.assigneeName}）` : s.label)).join(" → ");
    }
    case "reschedule":
      return `完成时限 ${String(before.dueDate ?? "—")} → ${String(after.dueDate ?? "—")}${after.reason ? `（${String(after.reason)}）` : ""}`;
    case "self_review":
    case "review":
      return `${after.outcome === "rebound" ? "发现反弹" : "整改到位"}${after.note ? `：${String(after.note)}` : ""}`;
    case "link_person": {
      const names: Record<string, string> = { leaderName: "责任领导", ownerName: "责任人" };
      const key = Object.keys(after).find((k) => k in names);
      return key ? `${names[key]}“${String(after[key])}”已关联账号` : "";
    }
    case "update":
    case "bulk_assign": {
      const changed = Object.keys(after).filter((k) => !["version", "updatedAt"].includes(k) && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      const names: Record<string, string> = { text: "措施内容", dueDate: "完成时限", leaderName: "责任领导", departmentId: "责任部门", ownerName: "责任人", kind: "类型", note: "备注" };
      return changed.length ? `修改了${changed.map((k) => names[k] ?? k).join("、")}` : "";
    }
    default:
      return "";
  }
}

/** One measure: responsibility, progress, evidence, the sign-off chain, reviews and history. */
export function MeasurePage() {
  const measureId = Number(useParams().id);
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const detail = useApi<MeasureDetail>(`/api/measures/${measureId}`);
  const pending = useApi<{ items: PendingClosure[] }>("/api/closures/pending");
  const [isProgressOpen, setIsProgressOpen] = useState(false);
  const [isClosureOpen, setIsClosureOpen] = useState(false);
  const [isReviewOpen, setIsReviewOpen] = useState(false);
  const [returning, setReturning] = useState<number | null>(null);
  const [approving, setApproving] = useState<number | null>(null);
  const [approveForm] = Form.useForm<{ opinion: string }>();
  const isNarrow = useIsNarrow();
  const [isBusy, setIsBusy] = useState(false);
  const [progressForm] = Form.useForm<{ text: string; reportDate?: Dayjs }>();
  const [closureForm] = Form.useForm<{ targetStatus: "completed" | "completed_long_term"; note?: string }>();
  const [reviewForm] = Form.useForm<{ outcome: "confirmed" | "rebound"; kind?: "self" | "supervision"; note?: string; newDueDate?: Dayjs | null }>();
  const [returnForm] = Form.useForm<{ reason: string }>();
  const [isEditOpen, setIsEditOpen] = useState(false);
  const [editForm] = Form.useForm<{
    text: string;
    kind: MeasureKind;
    leaderName?: string;
    leaderUserId?: number | null;
    departmentId?: number | null;
    ownerName?: string;
    ownerUserId?: number | null;
    dueDate?: Dayjs | null;
    note?: string;
  }>();
  const [statusTarget, setStatusTarget] = useState<Status | null>(null);
  const [statusForm] = Form.useForm<{ reason?: string }>();

  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <PageSpin />;
  const { measure, finding, progress, evidence, closures, reviews, history, permissions } = detail.data;
  const department = orgs.find((o) => o.id === measure.departmentId)?.name ?? (measure.departmentId ? `部门 #${measure.departmentId}` : "—");
  const openClosure = closures.find((c) => c.state === "pending");
  const myDecision = (pending.data?.items ?? []).find((p) => p.measureId === measure.id && p.canDecide);
  const isCompleted = isCompletedStatus(measure.status);
  // Open: not signed, no sign-off pending, not voided — only then are its records edited or voided in place.
  const isOpen = !isCompleted && !openClosure && !measure.voidedAt;
  const signedBefore = closures.filter((c) => c.state === "approved").map((c) => c.submittedAt).sort().at(-1) ?? null;
  const reloadAll = () => {
    detail.reload();
    pending.reload();
  };

  const run = async (action: () => Promise<unknown>, success: string): Promise<boolean> => {
    setIsBusy(true);
    try {
      await action();
      message.success(success);
      reloadAll();
      return true;
    } catch (reason) {
      message.error(describeError(reason));
      return false;
    } finally {
      setIsBusy(false);
    }
  };

  const submitProgress = async () => {
    const values = await progressForm.validateFields();
    const ok = await run(
      () => apiFetch(`/api/measures/${measure.id}/progress`, { method: "POST", body: { text: values.text, ...(values.reportDate ? { reportDate: values.reportDate.format("YYYY-MM-DD") } : {}) } }),
      "整改进展已报送",
    );
    if (ok) {
      setIsProgressOpen(false);
      progressForm.resetFields();
    }
  };
  const submitClosure = async () => {
    const values = await closureForm.validateFields();
    const ok = await run(() => apiFetch(`/api/measures/${measure.id}/closures`, { method: "POST", body: { targetStatus: values.targetStatus, ...(values.note ? { note: values.note } : {}) } }), "已提交销号申请");
    if (ok) setIsClosureOpen(false);
  };
  const submitApproval = async () => {
    const values = await approveForm.validateFields();
    const ok = await run(() => apiFetch(`/api/closures/${approving}/decision`, { method: "POST", body: { decision: "approved", opinion: values.opinion } }), "已签字确认");
    if (ok) setApproving(null);
  };
  const submitReturn = async () => {
    const values = await returnForm.validateFields();
    const ok = await run(() => apiFetch(`/api/closures/${returning}/decision`, { method: "POST", body: { decision: "returned", opinion: values.reason } }), "已退回销号申请");
    if (ok) {
      setReturning(null);
      returnForm.resetFields();
    }
  };
  const openEdit = () => {
    editForm.setFieldsValue({
      text: measure.text,
      kind: measure.kind,
      leaderName: measure.leaderName ?? "",
      leaderUserId: measure.leaderUserId,
      departmentId: measure.departmentId,
      ownerName: measure.ownerName ?? "",
      ownerUserId: measure.ownerUserId,
      dueDate: measure.dueDate ? dayjs(measure.dueDate) : null,
      note: measure.note ?? "",
    });
    setIsEditOpen(true);
  };
  const submitEdit = async () => {
    const values = await editForm.validateFields();
    const ok = await run(
      () =>
        apiFetch(`/api/measures/${measure.id}`, {
          method: "PATCH",
          body: {
            version: measure.version,
            text: values.text,
            kind: values.kind,
            leaderName: values.leaderName || null,
            leaderUserId: values.leaderName ? (values.leaderUserId ?? null) : null,
            departmentId: values.departmentId ?? null,
            ownerName: values.ownerName || null,
            ownerUserId: values.ownerName ? (values.ownerUserId ?? null) : null,
            dueDate: values.dueDate ? values.dueDate.format("YYYY-MM-DD") : null,
            note: values.note || null,
          },
        }),
      "整改措施已保存",
    );
    if (ok) setIsEditOpen(false);
  };
  const submitStatus = async () => {
    const values = await statusForm.validateFields();
    const ok = await run(
      () => apiFetch(`/api/measures/${measure.id}/status`, { method: "POST", body: { status: statusTarget, version: measure.version, ...(values.reason ? { reason: values.reason } : {}) } }),
      "状态已变更",
    );
    if (ok) {
      setStatusTarget(null);
      statusForm.resetFields();
    }
  };
  const statusChoices: Status[] = isCompleted
    ? []
    : (["in_progress", "phased", "not_completed"] as Status[]).filter((s) => s !== measure.status && (s === "not_completed" ? permissions.canEdit : permissions.canReport));
  const withdraw = (closureId: number) => run(() => apiFetch(`/api/closures/${closureId}/withdraw`, { method: "POST" }), "已撤回销号申请");
  const submitReview = async () => {
    const values = await reviewForm.validateFields();
    const body = {
      outcome: values.outcome,
      ...(values.kind ? { kind: values.kind } : {}),
      ...(values.note ? { note: values.note } : {}),
      ...(values.outcome === "rebound" && values.newDueDate ? { newDueDate: values.newDueDate.format("YYYY-MM-DD") } : {}),
    };
    const ok = await run(() => apiFetch(`/api/measures/${measure.id}/reviews`, { method: "POST", body }), values.outcome === "rebound" ? "已认定反弹，措施重新打开" : "回头看已记录");
    if (ok) {
      setIsReviewOpen(false);
      reviewForm.resetFields();
    }
  };

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/inspections">巡察整改台账</Link> }, { title: <Link to={`/inspections/${finding.inspectionId}`}>本轮台账</Link> }, { title: `问题 ${finding.number} · 措施（${measure.seq}）` }]}
      />
      {measure.voidedAt && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`本措施已于 ${formatTime(measure.voidedAt)} 作废：${measure.voidReason ?? ""}`} description="作废的措施保留备查，不计入台账统计和通报。" />}
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            <span>整改措施</span>
            <StatusTag status={measure.status} />
            {openClosure && <Tag color="purple">销号审核中</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {permissions.canEdit && isOpen && <Button onClick={openEdit}>编辑措施</Button>}
            {permissions.canEdit && isOpen && <MeasureVoidActions measure={measure} onVoided={reloadAll} />}
            {statusChoices.length > 0 && (
              <Dropdown trigger={["click"]} menu={{ items: statusChoices.map((s) => ({ key: s, label: `标记为“${labelStatus(s)}”` })), onClick: ({ key }) => setStatusTarget(key as Status) }}>
                <Button>变更状态</Button>
              </Dropdown>
            )}
            {permissions.canReport && !isCompleted && (
              <Button onClick={() => setIsProgressOpen(true)} data-testid="add-progress">
                报送进展
              </Button>
            )}
            {permissions.canSubmitClosure && !isCompleted && !openClosure && (
              <Button type="primary" onClick={() => setIsClosureOpen(true)} data-testid="submit-closure">
                提交销号
              </Button>
            )}
            {openClosure && openClosure.submittedBy === user?.userId && <Button onClick={() => withdraw(openClosure.id)} loading={isBusy}>撤回销号申请</Button>}
            {(permissions.canReview || permissions.canSelfReview) && isCompleted && (
              <Button onClick={() => setIsReviewOpen(true)} data-testid="add-review">
                回头看
              </Button>
            )}
            {!isNarrow && (
              <Button onClick={() => window.print()} className="zg-no-print">
                打印
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph style={{ fontSize: 15 }} data-testid="measure-text">
          {measure.text}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          所属问题：{finding.category ? `【${finding.category}】` : ""}
          {finding.number}. {finding.title}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: "kind", label: "措施类型", children: labelMeasureKind(measure.kind) },
            { key: "leader", label: "责任领导", children: <PersonName name={measure.leaderName} userId={measure.leaderUserId} /> },
            { key: "department", label: "责任部门", children: department },
            { key: "owner", label: "责任人", children: <PersonName name={measure.ownerName} userId={measure.ownerUserId} /> },
            {
              key: "due",
              label: "完成时限",
              children: (
                <span>
                  <DeadlineLamp status={measure.status} dueDate={measure.dueDate} light={measure.light} />
                  {measure.dueDate ?? "—"} {!isCompleted && measure.dueDate ? <Typography.Text type="secondary">（{describeDue(measure.dueDate)}）</Typography.Text> : null}
                  {measure.originalDueDate && measure.originalDueDate !== measure.dueDate ? <Typography.Text type="secondary">，原定 {measure.originalDueDate}</Typography.Text> : null}
                </span>
              ),
            },
            { key: "evidence", label: "佐证材料", children: `${evidence.length} 份` },
            { key: "note", label: "备注", span: 2, children: measure.note ?? "—" },
          ]}
        />
      </Card>
      {myDecision && openClosure && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`销号申请等待您签字确认（当前环节：${myDecision.nextStep}${myDecision.onBehalfOfName ? `，代${myDecision.onBehalfOfName}签字` : ""}）`}
          description={`${openClosure.submitterName} 于 ${formatTime(openClosure.submittedAt)} 提交，申请认定为“${labelStatus(openClosure.targetStatus)}”。请核对佐证材料后签字。`}
          action={
            <Space orientation="vertical">
              <Button
                type="primary"
                onClick={() => {
                  approveForm.setFieldsValue({ opinion: "同意销号" });
                  setApproving(openClosure.id);
                }}
                loading={isBusy}
                data-testid="approve-closure"
              >
                签字确认
              </Button>
              <Button danger onClick={() => setReturning(openClosure.id)}>
                退回
              </Button>
            </Space>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <EvidenceCard measureId={measure.id} evidence={evidence} canUpload={permissions.canReport && !isCompleted && !measure.voidedAt} isOpen={isOpen} signedBefore={signedBefore} onChanged={reloadAll} />
          <ProgressCard progress={progress} canReport={permissions.canReport} isOpen={isOpen} signedBefore={signedBefore} onChanged={reloadAll} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="对账销号" style={{ marginBottom: 12 }}>
            {closures.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未提交销号申请" />
            ) : (
              closures.map((closure) => <ClosureChain key={closure.id} closure={closure} />)
            )}
          </Card>
          <ExtensionsCard measureId={measure.id} onChanged={reloadAll} />
          <FindingRegistersCard findingId={finding.id} />
          <Card size="small" title="回头看" style={{ marginBottom: 12 }}>
            {reviews.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无复查记录" />
            ) : (
              <ItemList
                rows={reviews.map((r) => ({
                  key: r.id,
                  title: (
                    <Space wrap>
                      <Tag color={r.outcome === "rebound" ? "error" : "success"}>{r.outcome === "rebound" ? "发现反弹" : "整改到位"}</Tag>
                      <Tag>{r.kind === "self" ? "自查" : "督查"}</Tag>
                      <span>{r.reviewDate}</span>
                      {r.reviewerName && <Typography.Text type="secondary">{r.reviewerName}</Typography.Text>}
                    </Space>
                  ),
                  description: [r.note, r.newDueDate ? `重新确定完成时限：${r.newDueDate}` : ""].filter(Boolean).join("；"),
                }))}
              />
            )}
          </Card>
          <Card size="small" title="变更记录">
            {history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
            ) : (
              <Timeline
                style={{ marginTop: 8 }}
                items={history.slice(0, 30).map((h) => ({
                  key: h.id,
                  content: (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(h.at)} · {h.actorName}
                      </Typography.Text>
                      <div>
                        {labelAuditAction(h.action)}
                        {describeHistory(h) ? <Typography.Text type="secondary">：{describeHistory(h)}</Typography.Text> : null}
                      </div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Modal title="报送整改进展" open={isProgressOpen} onOk={submitProgress} onCancel={() => setIsProgressOpen(false)} confirmLoading={isBusy} okText="报送" destroyOnHidden>
        <Form form={progressForm} name="progress" layout="vertical" preserve={false}>
          <Form.Item label="进展情况" name="text" rules={[{ required: true, message: "请填写整改进展" }]}>
            <Input.TextArea rows={5} maxLength={10000} showCount placeholder="写明已完成的工作、取得的成效和下一步安排" />
          </Form.Item>
          <Form.Item label="进展日期" name="reportDate" extra="不填则为今天">
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="编辑整改措施" open={isEditOpen} onOk={submitEdit} onCancel={() => setIsEditOpen(false)} confirmLoading={isBusy} okText="保存" width={640} forceRender>
        <Form form={editForm} name="measureEdit" layout="vertical">
          <MeasureFormFields
            departments={orgs.filter((o) => o.kind === "department" && o.parentId === measure.orgId).map((o) => ({ value: o.id, label: o.name }))}
            originalDueDate={measure.originalDueDate}
            unitId={measure.orgId}
          />
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={statusTarget ? `标记为“${labelStatus(statusTarget)}”` : ""} open={statusTarget !== null} onOk={submitStatus} onCancel={() => setStatusTarget(null)} confirmLoading={isBusy} okText="确认" destroyOnHidden>
        <Form form={statusForm} name="status" layout="vertical" preserve={false}>
          <Form.Item label="说明" name="reason" rules={[{ required: statusTarget === "not_completed", message: "认定未完成时请说明原因" }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="提交销号申请" open={isClosureOpen} onOk={submitClosure} onCancel={() => setIsClosureOpen(false)} confirmLoading={isBusy} okText="提交" destroyOnHidden>
        {evidence.length === 0 && <Alert type="warning" showIcon title="销号前须至少上传一份佐证材料" style={{ marginBottom: 12 }} />}
        <Form form={closureForm} name="closure" layout="vertical" preserve={false} initialValues={{ targetStatus: measure.kind === "long_term" ? "completed_long_term" : "completed" }}>
          <Form.Item label="申请认定为" name="targetStatus">
            <Radio.Group
              options={[
                { value: "completed", label: labelStatus("completed") },
                { value: "completed_long_term", label: labelStatus("completed_long_term") },
              ]}
            />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input.TextArea rows={3} maxLength={2000} placeholder="可简要说明整改完成情况" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="签字确认" open={approving !== null} onOk={submitApproval} onCancel={() => setApproving(null)} confirmLoading={isBusy} okText="签字确认" destroyOnHidden forceRender>
        <Form form={approveForm} name="approve" layout="vertical">
          <Form.Item label="审核意见" name="opinion" rules={[{ required: true, message: "请填写审核意见" }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="退回销号申请" open={returning !== null} onOk={submitReturn} onCancel={() => setReturning(null)} confirmLoading={isBusy} okText="退回" okButtonProps={{ danger: true }} destroyOnHidden>
        <Form form={returnForm} name="return" layout="vertical" preserve={false}>
          <Form.Item label="审核意见（退回理由）" name="reason" rules={[{ required: true, message: "请填写退回理由" }]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder="例如：佐证材料不足以证明整改到位" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="回头看复查" open={isReviewOpen} onOk={submitReview} onCancel={() => setIsReviewOpen(false)} confirmLoading={isBusy} okText="保存" destroyOnHidden>
        <Form form={reviewForm} name="review" layout="vertical" preserve={false} initialValues={{ outcome: "confirmed", kind: permissions.canReview ? "supervision" : "self" }}>
          {permissions.canReview && permissions.canSelfReview && (
            <Form.Item label="复查方式" name="kind">
              <Radio.Group options={[{ value: "supervision", label: "督查" }, { value: "self", label: "本单位自查" }]} />
            </Form.Item>
          )}
          <Form.Item label="复查结论" name="outcome">
            <Radio.Group options={[{ value: "confirmed", label: "整改到位" }, { value: "rebound", label: "发现反弹（重新打开）" }]} />
          </Form.Item>
          <Form.Item noStyle dependencies={["outcome"]}>
            {({ getFieldValue }) =>
              getFieldValue("outcome") === "rebound" ? (
                <Form.Item label="新的完成时限" name="newDueDate" rules={[{ required: true, message: "认定反弹时须确定新的完成时限" }]}>
                  <DatePicker style={{ width: 200 }} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            label="情况说明"
            name="note"
            dependencies={["outcome"]}
            rules={[({ getFieldValue }) => ({ required: getFieldValue("outcome") === "rebound", message: "认定反弹时须说明情况" })]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function ClosureChain({ closure }: { closure: Closure }) {
  const state = CLOSURE_STATE[closure.state];
  const approvals = closure.decisions.filter((d) => d.decision === "approved").length;
  const returned = closure.decisions.find((d) => d.decision === "returned");
  return (
    <div style={{ marginBottom: 16 }} data-testid="closure-chain">
      <Space style={{ marginBottom: 8 }} wrap>
        <Tag color={state.color}>{state.label}</Tag>
        {closure.reopenedAt && <Tag color="warning">已重新打开（回头看发现反弹，{formatTime(closure.reopenedAt)}）</Tag>}
        <Typography.Text type="secondary">
          {closure.submitterName} 于 {formatTime(closure.submittedAt)} 申请认定为“{labelStatus(closure.targetStatus)}”
        </Typography.Text>
      </Space>
      <Steps
        size="small"
        orientation="vertical"
        current={closure.state === "approved" ? closure.chain.length : approvals}
        status={closure.state === "returned" ? "error" : closure.state === "approved" ? "finish" : "process"}
        items={closure.chain.map((step, index) => {
          const decision = closure.decisions.find((d) => d.stepIndex === index);
          const signer = decision ? `${decision.userName ?? ""}${decision.onBehalfOfName ? `（代${decision.onBehalfOfName}）` : ""}` : "";
          return {
            title: step.assigneeName ? `${step.label} · ${step.assigneeName}` : step.label,
            content: decision
              ? `${signer} ${decision.decision === "approved" ? "已签字确认" : "退回"} · ${formatTime(decision.decidedAt)}${decision.reason ? `，审核意见：${decision.reason}` : ""}`
              : closure.state === "pending" && index === approvals
                ? `待${step.assigneeName ? ` ${step.assigneeName} ` : ""}签字`
                : "",
          };
        })}
      />
      {returned?.reason && <Alert type="error" showIcon title={`退回理由：${returned.reason}`} />}
    </div>
  );
}

/** A 责任领导 / 责任人: the name, marked when it is not linked to an account (sign-off cannot reach them). */
function PersonName({ name, userId }: { name: string | null; userId: number | null }) {
  if (!name) return <>—</>;
  return (
    <span>
      {name}
      {userId === null && (
        <Tag color="orange" style={{ marginInlineStart: 6 }}>
          未关联账号
        </Tag>
      )}
    </span>
  );
}
