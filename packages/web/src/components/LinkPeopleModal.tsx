import { useState } from "react";
import { App, Button, Empty, Modal, Select, Space, Tag, Typography } from "antd";
import { apiFetch, describeError } from "../api/client.ts";
import type { PersonOption, UnlinkedName } from "../api/types.ts";
import { useApi } from "../hooks/useApi.ts";
import { ItemList } from "./ItemList.tsx";

/** 关联人员账号: opens the list of name-only 责任领导 / 责任人 of a unit to link them to accounts. */
export function LinkPeopleButton(props: { unitId: number; onLinked(): void }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setIsOpen(true)} className="zg-no-print" data-testid="link-people">
        关联人员账号
      </Button>
      {isOpen && <LinkPeopleModal unitId={props.unitId} onClose={() => setIsOpen(false)} onLinked={props.onLinked} />}
    </>
  );
}

/**
 * Names written on the unit's measures (imports, old ledgers) that are not accounts yet: each can
 * be linked, for every measure at once, to a user of the unit; the likely account is preselected.
 */
function LinkPeopleModal(props: { unitId: number; onClose(): void; onLinked(): void }) {
  const { message } = App.useApp();
  const unlinked = useApi<{ items: UnlinkedName[] }>(`/api/orgs/${props.unitId}/unlinked-people`);
  const people = useApi<{ items: PersonOption[] }>(`/api/orgs/${props.unitId}/people`);
  const [choices, setChoices] = useState<Record<string, number | undefined>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const keyOf = (u: UnlinkedName) => `${u.field}:${u.name}`;

  const link = async (item: UnlinkedName) => {
    const userId = choices[keyOf(item)] ?? (item.suggestedUserIds.length === 1 ? item.suggestedUserIds[0] : undefined);
    if (!userId) {
      message.warning("请先选择要关联的账号");
      return;
    }
    setBusy(keyOf(item));
    try {
      const result = await apiFetch<{ updated: number }>(`/api/orgs/${props.unitId}/link-people`, { method: "POST", body: { field: item.field, name: item.name, userId } });
      message.success(`已关联 ${result.updated} 项整改措施`);
      unlinked.reload();
      props.onLinked();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setBusy(null);
    }
  };

  const items = unlinked.data?.items ?? [];
  return (
    <Modal title="关联人员账号" open onCancel={props.onClose} footer={null} width={680} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        导入的台账只写了姓名的责任领导、责任人，需要关联到用户账号后，销号签字才能送到本人。关联后本单位写着该姓名的全部措施一并更新，并记入变更记录。
      </Typography.Paragraph>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unlinked.isLoading ? "加载中…" : "所有责任领导、责任人都已关联账号"} />
      ) : (
        <ItemList
          testId="unlinked-people"
          rows={items.map((item) => ({
            key: keyOf(item),
            title: (
              <Space>
                <Tag>{item.field === "leader" ? "责任领导" : "责任人"}</Tag>
                <span>{item.name}</span>
                <Typography.Text type="secondary">{item.measureCount} 项措施</Typography.Text>
              </Space>
            ),
            actions: (
              <Space>
                <Select
                  aria-label={`为${item.name}选择账号`}
                  style={{ width: 220 }}
                  showSearch={{ optionFilterProp: "label" }}
                  placeholder="选择账号"
                  value={choices[keyOf(item)] ?? (item.suggestedUserIds.length === 1 ? item.suggestedUserIds[0] : undefined)}
                  onChange={(value: number) => setChoices((current) => ({ ...current, [keyOf(item)]: value }))}
                  options={(people.data?.items ?? []).filter((p) => p.isActive).map((p) => ({ value: p.id, label: `${p.displayName}（${p.username}）` }))}
                />
                <Button type="primary" size="small" loading={busy === keyOf(item)} onClick={() => link(item)}>
                  关联
                </Button>
              </Space>
            ),
          }))}
        />
      )}
    </Modal>
  );
}
