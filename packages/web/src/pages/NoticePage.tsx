import { useEffect, useState } from "react";
import { Alert, App, Breadcrumb, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { FIELD_LIMITS } from "@zhenggai/core";
import { Link, useParams } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import { describeNoticeState } from "../api/notice-labels.ts";
import type { Notice, NoticeCheck } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { NoticeCheckCard } from "../components/NoticeCheckCard.tsx";
import { NoticeCommentsCard } from "../components/NoticeCommentsCard.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, canUserOn, useSession } from "../hooks/useSession.ts";

interface NoticeForm {
  title: string;
  issuer?: string;
  noticeDate?: Dayjs | null;
  publicPeriod?: [Dayjs, Dayjs] | null;
  organisation?: string;
  nextSteps?: string;
  phones?: string;
  emails?: string;
  postal?: string;
}

const splitList = (text?: string): string[] =>
  (text ?? "")
    .split(/[\n,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The notice editor: free-text sections, contacts, public period, and approve / publish / withdraw. */
export function NoticePage() {
  const noticeId = Number(useParams().id);
  const { user, orgs } = useSession();
  const { message } = App.useApp();
  const notice = useApi<Notice>(`/api/notices/${noticeId}`);
  const [form] = Form.useForm<NoticeForm>();
  const [isBusy, setIsBusy] = useState(false);
  const [check, setCheck] = useState<NoticeCheck | null>(null);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const canEdit = canUser(user, "edit_notice");
  const canApprove = canUser(user, "approve_notice");

  useEffect(() => {
    const n = notice.data;
    if (!n) return;
    form.setFieldsValue({
      title: n.title,
      issuer: n.issuer ?? "",
      noticeDate: n.noticeDate ? dayjs(n.noticeDate) : null,
      publicPeriod: n.publicStart && n.publicEnd ? [dayjs(n.publicStart), dayjs(n.publicEnd)] : null,
      organisation: n.texts.organisation ?? "",
      nextSteps: n.texts.nextSteps ?? "",
      phones: n.contacts.phones.join("，"),
      emails: n.contacts.emails.join("，"),
      postal: n.contacts.postal.join("\n"),
    });
  }, [notice.data, form]);

  // The check (figures with their records, errors, warnings to acknowledge) shows as the notice opens,
  // so the approver sees who acknowledged what before deciding.
  useEffect(() => {
    if (!notice.data) return;
    let isCurrent = true;
    apiFetch<NoticeCheck>(`/api/notices/${notice.data.id}/check`).then(
      (result) => {
        if (isCurrent) setCheck(result);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [notice.data]);

  if (notice.error) return <ErrorResult error={notice.error} onRetry={notice.reload} />;
  if (!notice.data) return <PageSpin />;
  const current = notice.data;
  const state = describeNoticeState(current.state);
  const isLocked = current.state === "published" || !canEdit;
  // Comments come in only after publication; the 整改办 and administrators moderate them.
  const canModerate = canUserOn(user, orgs, "moderate_comments", current.orgId);

  const save = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch(`/api/notices/${current.id}`, {
        method: "PATCH",
        body: {
          version: current.version,
          title: values.title,
          issuer: values.issuer || null,
          noticeDate: values.noticeDate ? values.noticeDate.format("YYYY-MM-DD") : null,
          publicStart: values.publicPeriod ? values.publicPeriod[0].format("YYYY-MM-DD") : null,
          publicEnd: values.publicPeriod ? values.publicPeriod[1].format("YYYY-MM-DD") : null,
          texts: { ...current.texts, organisation: values.organisation ?? "", nextSteps: values.nextSteps ?? "" },
          contacts: { phones: splitList(values.phones), emails: splitList(values.emails), postal: splitList(values.postal) },
        },
      });
      message.success("已保存");
      notice.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const runCheck = async () => {
    setIsBusy(true);
    try {
      setCheck(await apiFetch<NoticeCheck>(`/api/notices/${current.id}/check`));
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const showPreview = async () => {
    setIsBusy(true);
    try {
      const response = await fetch(withQuery(`/api/inspections/${current.inspectionId}/exports`, { kind: "notice", format: "html", noticeId: current.id }), { credentials: "same-origin" });
      if (!response.ok) {
        const error = ((await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null)?.error;
        throw new Error(error ? `${error.message}（${error.code}）` : `预览失败（HTTP ${response.status}）`);
      }
      setPreviewHtml(await response.text());
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const transition = async (to: "approved" | "published" | "withdrawn" | "draft", success: string) => {
    setIsBusy(true);
    try {
      // Approval sends back the figures the approver saw; the server refuses them if the ledger moved since.
      const figures = to === "approved" && check ? { figures: check.figures } : {};
      await apiFetch(`/api/notices/${current.id}/transition`, { method: "POST", body: { to, version: current.version, ...figures } });
      message.success(success);
      notice.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/notices">通报公示</Link> }, { title: current.title }]} />
      <Card
        size="small"
        title={
          <Space>
            <span>编辑通报</span>
            <Tag color={state.color}>{state.label}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {!isLocked && (
              <Button onClick={save} loading={isBusy}>
                保存
              </Button>
            )}
            <Button onClick={showPreview} loading={isBusy} data-testid="notice-preview">
              预览
            </Button>
            <Button onClick={runCheck} loading={isBusy} data-testid="notice-check">
              发布前检查
            </Button>
            <a href={withQuery(`/api/inspections/${current.inspectionId}/exports`, { kind: "notice", format: "docx", noticeId: current.id })} download data-testid="notice-export-docx">
              <Button>导出 Word</Button>
            </a>
            <a href={withQuery(`/api/inspections/${current.inspectionId}/exports`, { kind: "notice", format: "pdf", noticeId: current.id })} download>
              <Button>导出 PDF</Button>
            </a>
            {canApprove && current.state === "draft" && <Button onClick={() => transition("approved", "已审核通过")}>审核通过</Button>}
            {canEdit && current.state === "approved" && (
              <Button type="primary" onClick={() => transition("published", "通报已发布")}>
                发布
              </Button>
            )}
            {canEdit && current.state === "published" && <Button danger onClick={() => transition("withdrawn", "已撤回")}>撤回</Button>}
            {canEdit && (current.state === "approved" || current.state === "withdrawn") && <Button onClick={() => transition("draft", "已退回草稿")}>退回草稿</Button>}
          </Space>
        }
      >
        {current.state === "published" && <Alert type="info" showIcon title="已发布的通报不能修改，如需修改请先撤回。" style={{ marginBottom: 12 }} />}
        {current.state === "approved" && <Alert type="info" showIcon title="修改已审核的通报会使其退回草稿，需重新审核。" style={{ marginBottom: 12 }} />}
        {check && (
          <Card size="small" type="inner" title="发布前检查" style={{ marginBottom: 12 }}>
            <NoticeCheckCard
              noticeId={current.id}
              inspectionId={current.inspectionId}
              check={check}
              isDraft={current.state === "draft"}
              canAcknowledge={canEdit || canApprove}
              onChange={setCheck}
            />
          </Card>
        )}
        <Form form={form} layout="vertical" disabled={isLocked}>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Form.Item label="标题" name="title" rules={[{ required: true, message: "请填写标题" }]}>
                <Input maxLength={FIELD_LIMITS.notice.title} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="发文机关署名" name="issuer">
                <Input maxLength={FIELD_LIMITS.notice.issuer} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="成文日期" name="noticeDate">
                <DatePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="一、组织落实情况" name="organisation" extra="每段一行；整改数据由台账自动生成，附在本节之后">
            <Input.TextArea rows={5} />
          </Form.Item>
          <Form.Item label="三、下一步工作安排" name="nextSteps" extra="每段一行">
            <Input.TextArea rows={4} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} xl={8}>
              <Form.Item label="公示期" name="publicPeriod">
                <DatePicker.RangePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label="联系电话" name="phones" extra="多个用逗号分隔，如 0551-12345678、13812345678、12388">
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label="电子邮箱" name="emails" extra="如 xcb@example.gov.cn">
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="通信地址" name="postal" extra="每行一个地址；写明邮编的，邮编为 6 位数字（如“邮编：230001”）">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">版本 {current.version}</Typography.Text>
        <Modal title="通报预览（按公文格式）" open={previewHtml !== null} onCancel={() => setPreviewHtml(null)} footer={null} width={900} destroyOnHidden>
          {previewHtml !== null && <iframe title="通报预览" sandbox="" srcDoc={previewHtml} style={{ width: "100%", height: "70vh", border: "1px solid #eee" }} />}
        </Modal>
      </Card>
      {(canModerate || canEdit) && <NoticeCommentsCard noticeId={current.id} canModerate={canModerate} />}
    </div>
  );
}
