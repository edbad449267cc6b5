import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, Row, Segmented, Space, Tag, Typography } from "antd";
import { labelNotificationKind, NOTIFICATION_KINDS, type NotificationKind } from "@zhenggai/core";
import { useNavigate } from "react-router";
import { apiFetch, describeError, withQuery } from "../api/client.ts";
import type { NotificationItem, NotificationSettings } from "../api/clock-types.ts";
import { formatTime } from "../api/labels.ts";
import type { Page } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ItemList } from "../components/ItemList.tsx";
import { announceNotificationsRead } from "../components/NotificationBell.tsx";
import { useApi } from "../hooks/useApi.ts";

const URGENT: ReadonlySet<NotificationKind> = new Set(["escalation", "closure_returned", "directive_received"]);

/** The notification centre: my messages (unread first filter), mark read, open the record; e-mail choices. */
export function NotificationsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<"unread" | "all">("unread");
  const [page, setPage] = useState(1);
  const list = useApi<Page<NotificationItem>>(withQuery("/api/notifications", { unread: filter === "unread" ? true : undefined, page, pageSize: 20 }));
  const settings = useApi<NotificationSettings>("/api/notifications/settings");
  const [form] = Form.useForm<{ email: string; emailKinds: NotificationKind[] }>();
  const [isSaving, setIsSaving] = useState(false);

  const markRead = async (ids: number[] | null): Promise<void> => {
    try {
      await apiFetch("/api/notifications/read", { method: "POST", body: ids ? { ids } : {} });
      announceNotificationsRead();
      list.reload();
    } catch (reason) {
      message.error(describeError(reason));
    }
  };
  const open = async (item: NotificationItem): Promise<void> => {
    if (!item.readAt) await markRead([item.id]);
    if (item.link) navigate(item.link);
  };
  const saveSettings = async (): Promise<void> => {
    const values = await form.validateFields();
    setIsSaving(true);
    try {
      await apiFetch("/api/notifications/settings", { method: "PUT", body: { email: values.email?.trim() || null, emailKinds: values.emailKinds ?? [] } });
      message.success("邮件提醒设置已保存");
      settings.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card
          title="消息"
          extra={
            <Space>
              <Segmented
                value={filter}
                onChange={(value) => {
                  setFilter(value as "unread" | "all");
                  setPage(1);
                }}
                options={[
                  { value: "unread", label: "未读" },
                  { value: "all", label: "全部" },
                ]}
              />
              <Button onClick={() => void markRead(null)} data-testid="mark-all-read">
                全部标为已读
              </Button>
            </Space>
          }
        >
          {list.error ? (
            <ErrorResult error={list.error} onRetry={list.reload} />
          ) : (list.data?.items.length ?? 0) === 0 ? (
            <Empty description={filter === "unread" ? "没有未读消息" : "暂无消息"} />
          ) : (
            <ItemList
              testId="notification-list"
              rows={(list.data?.items ?? []).map((item) => ({
                key: item.id,
                title: (
                  <Space wrap>
                    <Tag color={URGENT.has(item.kind) ? "red" : item.kind === "reminder" || item.kind === "window" ? "gold" : "blue"}>{labelNotificationKind(item.kind)}</Tag>
                    <Typography.Link
                      strong={!item.readAt}
                      href={item.link ?? "/notifications"}
                      onClick={(event) => {
                        event.preventDefault();
                        void open(item);
                      }}
                    >
                      {item.title}
                    </Typography.Link>
                  </Space>
                ),
                description: (
                  <span>
                    {item.body}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(item.createdAt)}
                      {item.readAt ? " · 已读" : ""}
                    </Typography.Text>
                  </span>
                ),
                actions: !item.readAt && (
                  <Button size="small" type="link" onClick={() => void markRead([item.id])}>
                    标为已读
                  </Button>
                ),
              }))}
            />
          )}
          {(list.data?.total ?? 0) > 20 && (
            <Space style={{ marginTop: 12 }}>
              <Button disabled={page === 1} onClick={() => setPage(page - 1)}>
                上一页
              </Button>
              <Button disabled={page * 20 >= (list.data?.total ?? 0)} onClick={() => setPage(page + 1)}>
                下一页
              </Button>
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title="邮件提醒">
          {settings.data && !settings.data.isMailConfigured && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="系统尚未配置邮件服务器，消息仅在系统内提醒。可先填写邮箱，配置后即按所选类型发送。" />
          )}
          {settings.data && (
            <Form form={form} layout="vertical" initialValues={{ email: settings.data.email ?? "", emailKinds: settings.data.emailKinds }}>
              <Form.Item label="接收邮箱" name="email" rules={[{ type: "email", message: "邮箱地址格式不正确" }]}>
                <Input placeholder="例如 name@example.gov.cn" maxLength={200} />
              </Form.Item>
              <Form.Item label="通过邮件接收以下消息" name="emailKinds">
                <Checkbox.Group options={NOTIFICATION_KINDS.map((kind) => ({ value: kind, label: labelNotificationKind(kind) }))} />
              </Form.Item>
              <Button type="primary" onClick={() => void saveSettings()} loading={isSaving}>
                保存设置
              </Button>
            </Form>
          )}
        </Card>
      </Col>
    </Row>
  );
}
