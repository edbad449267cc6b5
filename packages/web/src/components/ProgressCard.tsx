import { useState } from "react";
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Tag, Timeline, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { FIELD_LIMITS } from "@zhenggai/core";
import { apiFetch } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import type { ProgressReport } from "../api/types.ts";
import { useRun } from "../hooks/useRun.ts";
import { VOIDED_STYLE } from "./RecordHistory.tsx";
import { VoidModal } from "./VoidModal.tsx";

/**
 * 整改进展: the measure's reports, newest first. While the measure is open a report is edited or
 * voided; once a sign-off relied on it, a correction is added that points to it.
 */
export function ProgressCard(props: { progress: ProgressReport[]; canReport: boolean; isOpen: boolean; signedBefore: string | null; onChanged(): void }) {
  const { isBusy, run } = useRun();
  const [form] = Form.useForm<{ text: string; reportDate?: Dayjs | null }>();
  const [target, setTarget] = useState<{ report: ProgressReport; mode: "edit" | "correct" } | null>(null);
  const [voiding, setVoiding] = useState<ProgressReport | null>(null);
  const isSignedBasis = (report: ProgressReport) => props.signedBefore !== null && report.createdAt <= props.signedBefore;
  const byId = new Map(props.progress.map((p) => [p.id, p]));

  const open = (report: ProgressReport, mode: "edit" | "correct") => setTarget({ report, mode });
  const submit = async () => {
    const values = await form.validateFields();
    if (!target) return;
    const reportDate = (values.reportDate ?? dayjs()).format("YYYY-MM-DD");
    const { report, mode } = target;
    const saved = await run(
      () =>
        mode === "edit"
          ? apiFetch(`/api/progress/${report.id}`, { method: "PATCH", body: { version: report.version, text: values.text, reportDate } })
          : apiFetch(`/api/progress/${report.id}/corrections`, { method: "POST", body: { text: values.text, reportDate } }),
      mode === "edit" ? "整改进展已修改" : "已新增更正记录",
    );
    if (saved) {
      setTarget(null);
      props.onChanged();
    }
  };

  return (
    <Card size="small" title="整改进展">
      {props.progress.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未报送整改进展" />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          data-testid="progress-list"
          items={props.progress.map((p) => {
            const canEdit = props.canReport && props.isOpen && !p.voidedAt && !isSignedBasis(p);
            const canCorrect = props.canReport && !p.voidedAt && !canEdit && (!props.isOpen || isSignedBasis(p));
            const corrected = p.correctsId ? byId.get(p.correctsId) : undefined;
            return {
              key: p.id,
              color: p.voidedAt ? "gray" : undefined,
              content: (
                <div>
                  <Space size={6} wrap>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.reportDate} · {p.authorName ?? "—"}
                    </Typography.Text>
                    {p.correctsId && <Tag color="blue">更正{corrected ? ` ${corrected.reportDate} 的进展` : ""}</Tag>}
                    {p.voidedAt && <Tag>已作废</Tag>}
                    {canEdit && (
                      <Button type="link" size="small" onClick={() => open(p, "edit")}>
                        编辑
                      </Button>
                    )}
                    {canEdit && (
                      <Button type="link" size="small" danger onClick={() => setVoiding(p)}>
                        作废
                      </Button>
                    )}
                    {canCorrect && (
                      <Button type="link" size="small" onClick={() => open(p, "correct")}>
                        更正
                      </Button>
                    )}
                  </Space>
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap", ...(p.voidedAt ? VOIDED_STYLE : {}) }}>{p.text}</Typography.Paragraph>
                  {p.voidedAt && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {p.voidedByName ?? ""} 于 {formatTime(p.voidedAt)} 作废：{p.voidReason}
                    </Typography.Text>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
      <Modal
        title={target?.mode === "correct" ? "更正整改进展（原记录保留）" : "修改整改进展"}
        open={target !== null}
        onOk={submit}
        onCancel={() => setTarget(null)}
        confirmLoading={isBusy}
        okText="保存"
        destroyOnHidden
      >
        <Form
          form={form}
          name="progressEdit"
          layout="vertical"
          preserve={false}
          initialValues={target ? { text: target.report.text, reportDate: dayjs(target.mode === "edit" ? target.report.reportDate : undefined) } : undefined}
        >
          <Form.Item label="进展情况" name="text" rules={[{ required: true, whitespace: true, message: "请填写整改进展" }]}>
            <Input.TextArea rows={5} maxLength={FIELD_LIMITS.progress.text} showCount />
          </Form.Item>
          <Form.Item label="进展日期" name="reportDate">
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
      <VoidModal
        title="作废整改进展"
        what="整改进展"
        isOpen={voiding !== null}
        onClose={() => setVoiding(null)}
        onConfirm={(reason) => apiFetch(`/api/progress/${voiding?.id}/void`, { method: "POST", body: { version: voiding?.version, reason } })}
        onDone={() => {
          setVoiding(null);
          props.onChanged();
        }}
      />
    </Card>
  );
}
