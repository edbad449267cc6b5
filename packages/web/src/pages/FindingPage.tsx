import { lazy, Suspense, useMemo, useState } from "react";
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, Modal, Popconfirm, Row, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { FINDING_FIELD_LABELS, labelFindingSource, labelMeasureKind } from "@zhenggai/core";
import { Link, useNavigate, useParams } from "react-router";
import { apiFetch } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import type { FindingDetail } from "../api/register-types.ts";
import type { AuditEntry, DashboardView, Inspection } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { FindingFormFields } from "../components/FindingFormFields.tsx";
import { FindingRegistersCard } from "../components/FindingRegistersCard.tsx";
import { ItemList } from "../components/ItemList.tsx";
import { findingBody, type FindingForm } from "../components/NewFindingModal.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { RecordHistory, VOIDED_STYLE } from "../components/RecordHistory.tsx";
import { StatusTag } from "../components/StatusTag.tsx";
import { VoidModal } from "../components/VoidModal.tsx";
import { useApi } from "../hooks/useApi.ts";
import { useRun } from "../hooks/useRun.ts";
import { useSession } from "../hooks/useSession.ts";

const NewMeasureModal = lazy(() => import("../components/NewMeasureModal.tsx").then((m) => ({ default: m.NewMeasureModal })));

/** One finding (反馈问题): what it is, its 整改计划 and 整改情况, its measures and registers, edit / void, and its history. */
export function FindingPage() {
  const findingId = Number(useParams().id);
  const navigate = useNavigate();
  const { orgs } = useSession();
  const detail = useApi<FindingDetail>(`/api/findings/${findingId}`);
  const history = useApi<{ items: AuditEntry[] }>(`/api/findings/${findingId}/history`);
  const inspection = useApi<Inspection>(detail.data ? `/api/inspections/${detail.data.inspectionId}` : null);
  const dashboard = useApi<DashboardView>(detail.data ? `/api/dashboard?inspectionId=${detail.data.inspectionId}` : null);
  const [isEditOpen, setIsEditOpen] = useState(false);
  const [isVoidOpen, setIsVoidOpen] = useState(false);
  const [isMeasureOpen, setIsMeasureOpen] = useState(false);
  const { isBusy, run } = useRun();
  const [form] = Form.useForm<FindingForm>();
  const departments = useMemo(() => {
    const unit = orgs.find((o) => o.id === detail.data?.orgId);
    return unit ? orgs.filter((o) => o.kind === "department" && o.path.startsWith(unit.path)).map((o) => ({ value: o.id, label: o.name })) : [];
  }, [orgs, detail.data]);

  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <PageSpin />;
  const finding = detail.data;
  const isArchived = !!inspection.data?.archivedAt;
  const canChange = finding.canManage && !finding.voidedAt && !isArchived;
  const reload = () => {
    detail.reload();
    history.reload();
  };

  const openEdit = () => {
    form.setFieldsValue({
      number: finding.number,
      category: finding.category ?? undefined,
      title: finding.title,
      subPoints: finding.subPoints.join("\n"),
      source: finding.source,
      leadLeader: finding.leadLeader ?? "",
      leadDepartmentId: finding.leadDepartmentId ?? undefined,
      dueDate: finding.dueDate ? dayjs(finding.dueDate) : null,
      planText: finding.planText ?? "",
      progressText: finding.progressText ?? "",
    });
    setIsEditOpen(true);
  };
  const submitEdit = async () => {
    const values = await form.validateFields();
    const texts = { planText: values.planText?.trim() || null, progressText: values.progressText?.trim() || null };
    // Once a measure is signed the problem itself stays as it was: only the notice texts are sent.
    const body = finding.isSigned ? texts : { ...findingBody(values), number: values.number || finding.number, ...texts };
    if (await run(() => apiFetch(`/api/findings/${finding.id}`, { method: "PATCH", body: { ...body, version: finding.version } }), "问题已保存")) {
      setIsEditOpen(false);
      reload();
    }
  };
  const remove = async () => {
    if (await run(() => apiFetch(`/api/findings/${finding.id}?version=${finding.version}`, { method: "DELETE" }), "问题已删除")) navigate(`/inspections/${finding.inspectionId}`);
  };

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/inspections">巡察整改台账</Link> }, { title: <Link to={`/inspections/${finding.inspectionId}`}>{inspection.data?.name ?? "本轮台账"}</Link> }, { title: `问题 ${finding.number}` }]}
      />
      {finding.voidedAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="finding-voided" title={`本问题已于 ${formatTime(finding.voidedAt)} 作废：${finding.voidReason ?? ""}`} description="作废的问题保留备查，不计入台账统计和通报。" />
      )}
      {isArchived && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本轮已归档，只能查看。" />}
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            <span>问题 {finding.number}</span>
            <StatusTag status={finding.status} />
            {finding.source === "immediate" && <Tag color="blue">立行立改</Tag>}
            {finding.voidedAt && <Tag>已作废</Tag>}
          </Space>
        }
        extra={
          canChange && (
            <Space wrap>
              <Button onClick={openEdit} data-testid="edit-finding">
                编辑问题
              </Button>
              {!finding.isSigned && (
                <Button danger onClick={() => setIsVoidOpen(true)}>
                  作废
                </Button>
              )}
              {!finding.isSigned && (
                <Popconfirm title="删除这个问题？" description="只有没有任何进展、佐证、签字和登记的问题才能删除；否则请作废。" okText="删除" okButtonProps={{ danger: true }} onConfirm={remove}>
                  <Button type="text" danger>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Typography.Paragraph style={{ fontSize: 15, ...(finding.voidedAt ? VOIDED_STYLE : {}) }} data-testid="finding-title">
          {finding.category ? `【${finding.category}】` : ""}
          {finding.title}
        </Typography.Paragraph>
        {finding.subPoints.length > 0 && (
          <ul style={{ marginTop: 0 }}>
            {finding.subPoints.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        )}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: "source", label: "问题来源", children: labelFindingSource(finding.source) },
            { key: "leader", label: "牵头领导", children: finding.leadLeader ?? "—" },
            { key: "department", label: "牵头部门", children: departments.find((d) => d.value === finding.leadDepartmentId)?.label ?? "—" },
            { key: "due", label: "完成时限", children: finding.dueDate ?? "—" },
            { key: "plan", label: "整改计划", span: 4, children: <span data-testid="finding-plan" style={{ whiteSpace: "pre-wrap" }}>{finding.planText ?? "（未填写）"}</span> },
            { key: "progress", label: "整改情况", span: 4, children: <span style={{ whiteSpace: "pre-wrap" }}>{finding.progressText ?? "（未填写）"}</span> },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={`整改措施（${finding.measures.filter((m) => !m.voidedAt).length} 条）`}
            style={{ marginBottom: 12 }}
            extra={
              canChange && (
                <Button size="small" onClick={() => setIsMeasureOpen(true)}>
                  新增整改措施
                </Button>
              )
            }
          >
            {finding.measures.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未制定整改措施" />
            ) : (
              <ItemList
                testId="finding-measures"
                rows={finding.measures.map((m) => ({
                  key: m.id,
                  title: (
                    <span style={m.voidedAt ? VOIDED_STYLE : undefined}>
                      （{m.seq}）<Link to={`/measures/${m.id}`}>{m.text}</Link>
                    </span>
                  ),
                  description: m.voidedAt ? `已作废：${m.voidReason ?? ""}` : `${labelMeasureKind(m.kind)} · 完成时限 ${m.dueDate ?? "—"} · ${m.ownerName ?? "未指定责任人"}`,
                  actions: m.voidedAt ? <Tag>已作废</Tag> : <StatusTag status={m.status} />,
                }))}
              />
            )}
          </Card>
          <FindingRegistersCard findingId={finding.id} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="变更记录">
            {history.error ? <ErrorResult error={history.error} onRetry={history.reload} /> : <RecordHistory entries={history.data?.items ?? []} labels={FINDING_FIELD_LABELS} testId="finding-history" />}
          </Card>
        </Col>
      </Row>
      <Modal title="编辑问题" open={isEditOpen} onOk={submitEdit} onCancel={() => setIsEditOpen(false)} confirmLoading={isBusy} okText="保存" width={720} forceRender>
        {finding.isSigned && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本问题已有整改措施签字销号：问题本身不能再改，整改计划和整改情况仍可填写。" />}
        <Form form={form} name="findingEdit" layout="vertical">
          <FindingFormFields departments={departments} categories={(dashboard.data?.byCategory ?? []).map((g) => g.key).filter((k) => k !== "未分类")} withTexts lockedProblem={finding.isSigned} />
        </Form>
      </Modal>
      <VoidModal
        title="作废问题"
        what="问题"
        isOpen={isVoidOpen}
        onClose={() => setIsVoidOpen(false)}
        onConfirm={(reason) => apiFetch(`/api/findings/${finding.id}/void`, { method: "POST", body: { version: finding.version, reason } })}
        onDone={() => {
          setIsVoidOpen(false);
          reload();
        }}
      />
      <Suspense fallback={null}>
        {isMeasureOpen && (
          <NewMeasureModal
            findingId={finding.id}
            unitId={finding.orgId}
            departments={departments}
            onClose={() => setIsMeasureOpen(false)}
            onCreated={() => {
              setIsMeasureOpen(false);
              reload();
            }}
          />
        )}
      </Suspense>
    </div>
  );
}
