import { useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { apiFetch, describeError } from "../api/client.ts";
import type { Delegation, PersonOption } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";
import { useSession } from "../hooks/useSession.ts";
import { ItemList } from "./ItemList.tsx";

/**
 * 代签授权: whom the user lets sign their routed sign-off steps, for a period, and who lets them.
 * Every delegation is recorded; revoking keeps it in the list, struck through.
 */
export function DelegationsModal(props: { onClose(): void }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const delegations = useApi<{ items: Delegation[] }>("/api/delegations");
  // Any org of the user's own grants will do: the server lists the people of its unit (a
  // department user may not read the unit itself).
  const ownOrgId = user?.grants[0]?.orgId;
  const people = useApi<{ items: PersonOption[] }>(ownOrgId ? `/api/orgs/${ownOrgId}/people` : null);
  const [form] = Form.useForm<{ delegateId: number; period?: [Dayjs, Dayjs | null] | null; reason: string }>();
  const [isBusy, setIsBusy] = useState(false);

  const create = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch("/api/delegations", {
        method: "POST",
        body: {
          delegateId: values.delegateId,
          reason: values.reason,
          ...(values.period?.[0] ? { startsOn: values.period[0].format("YYYY-MM-DD") } : {}),
          ...(values.period?.[1] ? { endsOn: values.period[1].format("YYYY-MM-DD") } : {}),
        },
      });
      message.success("已授权代签");
      form.resetFields();
      delegations.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const revoke = async (id: number) => {
    try {
      await apiFetch(`/api/delegations/${id}/revoke`, { method: "POST" });
      message.success("已撤销代签授权");
      delegations.reload();
    } catch (reason) {
      message.error(describeError(reason));
    }
  };

  const rows = delegations.data?.items ?? [];
  return (
    <Modal title="代签授权" open onCancel={props.onClose} footer={null} width={620} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="外出、休假期间，可授权同单位的一位同事代您签字确认；代签人的每次签字都记录为“代您签”，同一销号流程中代签人不能再签其他环节。"
      />
      <Form form={form} name="delegation" layout="vertical" requiredMark={false}>
        <Form.Item label="代签人" name="delegateId" rules={[{ required: true, message: "请选择代签人" }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            placeholder="选择同单位的同事"
            loading={people.isLoading}
            options={(people.data?.items ?? []).filter((p) => p.isActive && p.id !== user?.userId).map((p) => ({ value: p.id, label: `${p.displayName}（${p.grants.map((g) => g.orgName).join("、")}）` }))}
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item label="期限" name="period" extra="不填结束日期则一直有效，直到撤销">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item label="事由" name="reason" rules={[{ required: true, message: "请填写事由" }]}>
            <Input maxLength={500} placeholder="例如：外出学习期间" style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Button type="primary" onClick={create} loading={isBusy}>
          授权代签
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        授权记录
      </Typography.Title>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">暂无代签授权</Typography.Text>
      ) : (
        <ItemList
          testId="delegation-list"
          rows={rows.map((d) => ({
            key: d.id,
            title: (
              <span style={{ textDecoration: d.revokedAt ? "line-through" : undefined }}>
                {d.delegateName} 代 {d.principalName} 签字
              </span>
            ),
            description: `${d.startsOn} 起${d.endsOn ? `至 ${d.endsOn}` : "，长期"} · ${d.reason}`,
            actions: (
              <Space size={4}>
                {d.isActive ? <Tag color="success">生效中</Tag> : <Tag>{d.revokedAt ? "已撤销" : "未生效"}</Tag>}
                {!d.revokedAt && (
                  <Button size="small" type="link" onClick={() => revoke(d.id)}>
                    撤销
                  </Button>
                )}
              </Space>
            ),
          }))}
        />
      )}
    </Modal>
  );
}
