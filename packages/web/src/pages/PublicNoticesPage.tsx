import { useEffect, useState } from "react";
import { Alert, Button, Card, Empty, Form, Input, List, Result, Space, Typography } from "antd";
import { Link, useParams } from "react-router";
import { apiFetch, describeError } from "../api/client.ts";
import { formatTime } from "../api/labels.ts";
import { PageSpin } from "../components/PageSpin.tsx";

/** A published notice as the public API returns it. */
interface PublicNotice {
  id: number;
  title: string;
  issuer: string | null;
  noticeDate: string | null;
  publicStart: string | null;
  publicEnd: string | null;
  contacts: { phones: string[]; emails: string[]; postal: string[] };
  publishedAt: string | null;
  html: string;
  sha256: string | null;
  isCommentOpen: boolean;
}

type PublicNoticeSummary = Pick<PublicNotice, "id" | "title" | "issuer" | "noticeDate" | "publicStart" | "publicEnd">;

// Styles for the server-rendered notice body (escaped HTML produced at publication).
const DOCUMENT_STYLE = `
.zg-document { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 17px; line-height: 1.9; color: #222; }
.zg-document h1 { text-align: center; font-size: 24px; line-height: 1.5; margin: 8px 0 24px; }
.zg-document h1 span { display: block; }
.zg-document h2, .zg-document h3, .zg-document h4 { font-size: 17px; margin: 12px 0 4px; text-indent: 2em; }
.zg-document p { text-indent: 2em; margin: 0 0 4px; }
.zg-document table { border-collapse: collapse; margin: 8px 0; }
.zg-document td, .zg-document th { border: 1px solid #999; padding: 4px 8px; }
`;

function PublicFrame({ children }: { children: React.ReactNode }) {
  return (
    <div style={{ minHeight: "100%", background: "#f5f6f8" }}>
      <div style={{ background: "#9b1c1c", color: "#fff", padding: "14px 24px", fontSize: 18, fontWeight: 600 }}>
        <Link to="/public" style={{ color: "#fff" }}>
          巡察整改情况公开
        </Link>
      </div>
      <div style={{ maxWidth: 960, margin: "0 auto", padding: 24 }}>{children}</div>
    </div>
  );
}

/** The public list of published rectification notices (no login). */
export function PublicNoticesPage() {
  const [items, setItems] = useState<PublicNoticeSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiFetch<{ items: PublicNoticeSummary[] }>("/api/public/notices?pageSize=100", { isAuthProbe: true })
      .then((page) => setItems(page.items))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);
  return (
    <PublicFrame>
      <Card title="整改进展情况通报">
        {error ? (
          <Alert type="error" showIcon message={error} />
        ) : items === null ? (
          <PageSpin />
        ) : items.length === 0 ? (
          <Empty description="暂无已发布的通报" />
        ) : (
          <List
            dataSource={items}
            renderItem={(item) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/public/notices/${item.id}`}>{item.title}</Link>}
                  description={`${item.issuer ?? ""} ${item.noticeDate ?? ""}${item.publicEnd ? ` · 公示期至 ${item.publicEnd}` : ""}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </PublicFrame>
  );
}

/** One published notice for the public, with its contacts and the opinion form during the public period. */
export function PublicNoticePage() {
  const { id } = useParams();
  const [notice, setNotice] = useState<PublicNotice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  useEffect(() => {
    apiFetch<PublicNotice>(`/api/public/notices/${id}`, { isAuthProbe: true })
      .then(setNotice)
      .catch((e: unknown) => setError(describeError(e)));
  }, [id]);

  async function send(values: { text: string; contact?: string }): Promise<void> {
    setIsSending(true);
    setSendError(null);
    try {
      await apiFetch(`/api/public/notices/${id}/comments`, { method: "POST", body: values, isAuthProbe: true });
      setSent(true);
    } catch (e) {
      setSendError(describeError(e));
    } finally {
      setIsSending(false);
    }
  }

  if (error) {
    return (
      <PublicFrame>
        <Result status="404" title="通报不存在或尚未发布" subTitle={error} extra={<Link to="/public">返回通报列表</Link>} />
      </PublicFrame>
    );
  }
  if (!notice) return <PageSpin />;
  const channels = [
    ...notice.contacts.phones.map((p) => `联系电话：${p}`),
    ...notice.contacts.emails.map((e) => `电子邮箱：${e}`),
    ...notice.contacts.postal.map((p) => `通信地址：${p}`),
  ];
  return (
    <PublicFrame>
      <style>{DOCUMENT_STYLE}</style>
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Card>
          {/* The body is rendered and HTML-escaped by the server at publication and never changes afterwards. */}
          <div dangerouslySetInnerHTML={{ __html: notice.html }} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
            发布时间：{notice.publishedAt ? formatTime(notice.publishedAt) : "—"}
            {notice.sha256 ? ` · 文本校验码 ${notice.sha256.slice(0, 16)}…` : ""}
          </Typography.Paragraph>
        </Card>
        <Card title="监督渠道">
          {channels.length ? channels.map((line) => <div key={line}>{line}</div>) : <Typography.Text type="secondary">本通报未公布联系方式</Typography.Text>}
          {notice.publicStart || notice.publicEnd ? (
            <div style={{ marginTop: 8 }}>
              公示期：{notice.publicStart ?? "发布之日"} 至 {notice.publicEnd ?? "另行通知"}
            </div>
          ) : null}
        </Card>
        <Card title="提交意见建议">
          {!notice.isCommentOpen ? (
            <Alert type="info" showIcon message="不在公示期内，暂不接收网上意见。如有问题可通过上方渠道反映。" />
          ) : sent ? (
            <Result status="success" title="已收到您的意见" subTitle="感谢您对巡察整改工作的监督。" />
          ) : (
            <Form layout="vertical" onFinish={send} requiredMark={false}>
              <Form.Item name="text" label="意见内容" rules={[{ required: true, message: "请填写意见内容" }, { min: 5, message: "意见内容至少 5 个字" }, { max: 5000, message: "最多 5000 字" }]}>
                <Input.TextArea rows={5} maxLength={5000} showCount placeholder="请写明具体问题、涉及单位和事实，便于核实办理" />
              </Form.Item>
              <Form.Item name="contact" label="联系方式（选填）" rules={[{ max: 200, message: "最多 200 字" }]}>
                <Input placeholder="电话或邮箱，便于回复；可不填" />
              </Form.Item>
              {sendError ? <Alert type="error" showIcon message={sendError} style={{ marginBottom: 12 }} /> : null}
              <Button type="primary" htmlType="submit" loading={isSending}>
                提交意见
              </Button>
            </Form>
          )}
        </Card>
      </Space>
    </PublicFrame>
  );
}
