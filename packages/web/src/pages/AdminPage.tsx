import { useMemo, useState, type ReactNode } from "react";
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Tabs, Tag, Tree, Typography } from "antd";
import { labelRole, ROLES, type OrgKind, type Role } from "@zhenggai/core";
import { apiFetch, describeError } from "../api/client.ts";
import type { Org, PersonOption, UserView } from "../api/types.ts";
import { ErrorResult } from "../components/ErrorResult.tsx";
import { ExportListButton } from "../components/ExportListButton.tsx";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { PageSpin } from "../components/PageSpin.tsx";
import { useApi } from "../hooks/useApi.ts";
import { canUser, useSession } from "../hooks/useSession.ts";
import { ClockRulesPanel } from "../components/ClockRulesPanel.tsx";

const KIND_LABEL: Record<OrgKind, string> = { office: "巡察办", unit: "单位", department: "部门" };
const CHILD_KINDS: Record<OrgKind, OrgKind[]> = { office: ["office", "unit"], unit: ["unit", "department"], department: ["department"] };

interface TreeNode {
  key: number;
  title: ReactNode;
  children: TreeNode[];
}

function buildTree(orgs: readonly Org[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  for (const org of orgs) nodes.set(org.id, { key: org.id, title: <span><span>{org.name}</span> <Tag style={{ marginInlineStart: 4 }}>{KIND_LABEL[org.kind]}</Tag></span>, children: [] });
  const roots: TreeNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id) as TreeNode;
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** 系统管理: org tree, sign-off chain per org, users and roles. */
export function AdminPage() {
  const { user } = useSession();
  if (!canUser(user, "administer")) return <Result status="403" title="无权访问" subTitle="仅管理员可以进入系统管理" />;
  return (
    <Card title="系统管理" size="small">
      <Tabs items={[{ key: "orgs", label: "组织机构与签字流程", children: <OrgPanel /> }, { key: "users", label: "用户与角色", children: <UserPanel /> }, { key: "clock", label: "期限规则与提醒", children: <ClockRulesPanel /> }]} />
    </Card>
  );
}

function OrgPanel() {
  const { message } = App.useApp();
  const session = useSession();
  const orgs = useApi<{ items: Org[] }>("/api/orgs");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = orgs.data?.items.find((o) => o.id === selectedId) ?? null;
  const detail = useApi<Org & { signoffChain: { role: Role; label: string }[]; headName: string | null }>(selectedId ? `/api/orgs/${selectedId}` : null);
  const people = useApi<{ items: PersonOption[] }>(selected?.kind === "department" ? `/api/orgs/${selected.id}/people` : null);
  const [chain, setChain] = useState<Role[] | null>(null);
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ kind: OrgKind; name: string }>();
  const tree = useMemo(() => buildTree(orgs.data?.items ?? []), [orgs.data]);

  if (orgs.error) return <ErrorResult error={orgs.error} onRetry={orgs.reload} />;
  if (!orgs.data) return <PageSpin />;
  const currentChain = chain ?? detail.data?.signoffChain.map((s) => s.role) ?? [];

  // One PATCH of the selected org (sign-off chain, head), then both views reload.
  const saveOrg = async (changes: Record<string, unknown>, success: string) => {
    if (!detail.data) return;
    setIsBusy(true);
    try {
      await apiFetch(`/api/orgs/${detail.data.id}`, { method: "PATCH", body: { version: detail.data.version, ...changes } });
      message.success(success);
      setChain(null);
      detail.reload();
      orgs.reload();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };
  const saveChain = () => saveOrg({ settings: { signoffChain: currentChain } }, "签字确认流程已保存");
  const saveHead = (headUserId: number | null) => saveOrg({ headUserId }, headUserId ? "部门负责人已设置" : "已清除部门负责人");
  const createOrg = async () => {
    const values = await form.validateFields();
    setIsBusy(true);
    try {
      await apiFetch("/api/orgs", { method: "POST", body: { parentId: selectedId, kind: values.kind, name: values.name } });
      message.success("已新建");
      setIsCreateOpen(false);
      form.resetFields();
      orgs.reload();
      void session.refresh();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Typography.Text type="secondary">选择一个组织查看详情、设置签字流程或新建下级</Typography.Text>
        <Tree<TreeNode>
          style={{ marginTop: 8 }}
          defaultExpandAll
          treeData={tree}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            setSelectedId(keys.length ? Number(keys[0]) : null);
            setChain(null);
          }}
          aria-label="组织机构树"
        />
      </Col>
      <Col xs={24} lg={14}>
        {!selected ? (
          <Empty description="请在左侧选择组织" />
        ) : (
          <Card size="small" title={selected.name} extra={<Button onClick={() => setIsCreateOpen(true)}>新建下级</Button>}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: "kind", label: "类型", children: KIND_LABEL[selected.kind] },
                { key: "party", label: "党组织名称", children: selected.partyOrgName ?? "—" },
              ]}
            />
            {selected.kind === "department" && detail.data && (
              <div style={{ marginBottom: 16 }}>
                <Typography.Title level={5}>部门负责人</Typography.Title>
                <Typography.Paragraph type="secondary">负责人签“责任部门负责人审核”环节；未设置时，本部门的措施不能提交销号。</Typography.Paragraph>
                <Select
                  aria-label="部门负责人"
                  allowClear
                  placeholder="选择本部门人员"
                  style={{ width: 260 }}
                  loading={people.isLoading || isBusy}
                  value={detail.data.headUserId ?? undefined}
                  onChange={(value?: number) => void saveHead(value ?? null)}
                  options={(people.data?.items ?? [])
                    .filter((p) => p.isActive && p.grants.some((g) => g.orgId === selected.id))
                    .map((p) => ({ value: p.id, label: `${p.displayName}（${p.username}）` }))}
                />
              </div>
            )}
            <Typography.Title level={5}>销号签字确认流程</Typography.Title>
            <Typography.Paragraph type="secondary">按顺序选择各环节的签字角色；未单独设置时沿用上级组织或系统默认流程。</Typography.Paragraph>
            {detail.isLoading && !detail.data ? (
              <PageSpin />
            ) : (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Space wrap data-testid="signoff-chain">
                  {currentChain.map((role, index) => (
                    <Tag key={`${role}-${index}`} color="red" style={{ padding: "2px 4px 2px 8px", fontSize: 13 }}>
                      {index + 1}. {labelRole(role)}
                      <Button
                        type="text"
                        size="small"
                        aria-label={`移除环节：${labelRole(role)}`}
                        onClick={() => setChain(currentChain.filter((_r, i) => i !== index))}
                        style={{ marginInlineStart: 2, height: 20, padding: "0 4px" }}
                      >
                        ×
                      </Button>
                    </Tag>
                  ))}
                  <Select<Role>
                    placeholder="添加环节"
                    aria-label="添加签字环节"
                    style={{ width: 140 }}
                    value={null}
                    onChange={(role) => setChain([...currentChain, role])}
                    options={ROLES.filter((r) => r !== "readonly" && !currentChain.includes(r)).map((r) => ({ value: r, label: labelRole(r) }))}
                  />
                </Space>
                <Typography.Text>当前流程：{currentChain.map((r, i) => `${i + 1}. ${labelRole(r)}`).join(" → ") || "—"}</Typography.Text>
                <Button type="primary" onClick={saveChain} loading={isBusy} disabled={currentChain.length === 0}>
                  保存签字流程
                </Button>
              </Space>
            )}
          </Card>
        )}
      </Col>
      <Modal title={`在“${selected?.name ?? ""}”下新建`} open={isCreateOpen} onOk={createOrg} onCancel={() => setIsCreateOpen(false)} confirmLoading={isBusy} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: selected ? CHILD_KINDS[selected.kind].at(-1) : "unit" }}>
          <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
            <Select options={(selected ? CHILD_KINDS[selected.kind] : []).map((k) => ({ value: k, label: KIND_LABEL[k] }))} />
          </Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: "请填写名称" }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}

interface GrantRow {
  orgId?: number;
  role?: Role;
}

function GrantsField({ orgs }: { orgs: readonly Org[] }) {
  return (
    <Form.List name="grants">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap style={{ marginBottom: 4 }}>
              <Form.Item name={[field.name, "orgId"]} rules={[{ required: true, message: "请选择组织" }]} style={{ marginBottom: 4 }}>
                <Select aria-label="所在组织" showSearch={{ optionFilterProp: "label" }} style={{ width: 240 }} placeholder="所在组织" options={orgs.map((o) => ({ value: o.id, label: `${o.name}（${KIND_LABEL[o.kind]}）` }))} />
              </Form.Item>
              <Form.Item name={[field.name, "role"]} rules={[{ required: true, message: "请选择角色" }]} style={{ marginBottom: 4 }}>
                <Select aria-label="角色" style={{ width: 130 }} placeholder="角色" options={ROLES.map((r) => ({ value: r, label: labelRole(r) }))} />
              </Form.Item>
              {fields.length > 1 && (
                <Button type="text" aria-label="移除此角色" onClick={() => remove(field.name)}>
                  ×
                </Button>
              )}
            </Space>
          ))}
          <Button type="dashed" size="small" onClick={() => add({})}>
            添加角色
          </Button>
        </>
      )}
    </Form.List>
  );
}

function UserPanel() {
  const { message } = App.useApp();
  const { orgs, user: me } = useSession();
  const users = useApi<{ items: UserView[] }>("/api/users");
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [temporary, setTemporary] = useState<{ user: UserView; temporaryPassword: string } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; displayName: string; password: string; grants: GrantRow[]; mustChangePassword: boolean }>();
  const [editForm] = Form.useForm<{ displayName: string; grants: GrantRow[] }>();

  const call = async (action: () => Promise<unknown>, success: string): Promise<boolean> => {
    setIsBusy(true);
    try {
      await action();
      if (success) message.success(success);
      users.reload();
      return true;
    } catch (reason) {
      message.error(describeError(reason));
      return false;
    } finally {
      setIsBusy(false);
    }
  };
  const createUser = async () => {
    const values = await form.validateFields();
    const ok = await call(
      () => apiFetch("/api/users", { method: "POST", body: { username: values.username, displayName: values.displayName, password: values.password, grants: values.grants, mustChangePassword: values.mustChangePassword } }),
      "用户已创建",
    );
    if (ok) {
      setIsCreateOpen(false);
      form.resetFields();
    }
  };
  const openEdit = (row: UserView) => {
    editForm.setFieldsValue({ displayName: row.displayName, grants: row.grants.map((g) => ({ orgId: g.orgId, role: g.role })) });
    setEditing(row);
  };
  const saveEdit = async () => {
    if (!editing) return;
    const values = await editForm.validateFields();
    const ok = await call(() => apiFetch(`/api/users/${editing.id}`, { method: "PATCH", body: { version: editing.version, displayName: values.displayName, grants: values.grants } }), "用户信息已保存");
    if (ok) setEditing(null);
  };
  const toggleActive = (row: UserView) => call(() => apiFetch(`/api/users/${row.id}`, { method: "PATCH", body: { version: row.version, isActive: !row.isActive } }), row.isActive ? "已停用" : "已启用");
  const resetPassword = (row: UserView) =>
    call(async () => setTemporary(await apiFetch<{ user: UserView; temporaryPassword: string }>(`/api/users/${row.id}/reset-password`, { method: "POST" })), "");

  if (users.error) return <ErrorResult error={users.error} onRetry={users.reload} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setIsCreateOpen(true)}>
          新建用户
        </Button>
        <ExportListButton kind="users" />
      </Space>
      <ResponsiveTable<UserView>
        size="small"
        rowKey="id"
        data-testid="user-table"
        loading={users.isLoading}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人` }}
        columns={[
          { title: "用户名", dataIndex: "username", width: 140 },
          { title: "姓名", dataIndex: "displayName", width: 100 },
          {
            title: "角色与范围",
            dataIndex: "grants",
            render: (grants: UserView["grants"]) => (
              <Space wrap size={4}>
                {grants.map((g) => (
                  <Tag key={`${g.orgId}-${g.role}`}>
                    {g.orgName} · {labelRole(g.role)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: "状态",
            dataIndex: "isActive",
            width: 150,
            render: (v: boolean, row) => (
              <Space size={4} wrap>
                {v ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>}
                {row.mustChangePassword && <Tag color="warning">须修改密码</Tag>}
              </Space>
            ),
          },
          {
            title: "操作",
            key: "actions",
            width: 200,
            render: (_v, row) => (
              <Space size={0} wrap>
                <Button size="small" type="link" onClick={() => openEdit(row)}>
                  编辑
                </Button>
                {row.id !== me?.userId && (
                  <Popconfirm title={`为 ${row.displayName} 重置密码？`} description="将生成临时密码，对方下次登录须先修改；其现有登录会退出。" okText="重置" onConfirm={() => resetPassword(row)}>
                    <Button size="small" type="link">
                      重置密码
                    </Button>
                  </Popconfirm>
                )}
                {row.id !== me?.userId && (
                  <Button size="small" type="link" onClick={() => toggleActive(row)}>
                    {row.isActive ? "停用" : "启用"}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal title="新建用户" open={isCreateOpen} onOk={createUser} onCancel={() => setIsCreateOpen(false)} confirmLoading={isBusy} width={560} destroyOnHidden>
        <Form form={form} name="newUser" layout="vertical" preserve={false} initialValues={{ grants: [{}], mustChangePassword: true }}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: "2–64 位字母、数字或 _.@-" }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: "请填写姓名" }]}>
            <Input />
          </Form.Item>
          <Form.Item label="初始密码" name="password" rules={[{ required: true, min: 8, message: "至少 8 位" }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="mustChangePassword" valuePropName="checked">
            <Checkbox>首次登录须修改密码</Checkbox>
          </Form.Item>
          <Form.Item label="角色与所在组织" required>
            <GrantsField orgs={orgs} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={`编辑用户：${editing?.username ?? ""}`} open={editing !== null} onOk={saveEdit} onCancel={() => setEditing(null)} confirmLoading={isBusy} width={560} destroyOnHidden forceRender>
        <Form form={editForm} name="editUser" layout="vertical">
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: "请填写姓名" }]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色与所在组织" required extra="调整所在组织即调岗；角色决定能看到和办理的事项。">
            <GrantsField orgs={orgs} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="临时密码" open={temporary !== null} onCancel={() => setTemporary(null)} onOk={() => setTemporary(null)} okText="我已告知对方" cancelButtonProps={{ style: { display: "none" } }} destroyOnHidden>
        {temporary && (
          <div data-testid="temporary-password">
            <Alert type="warning" showIcon title="临时密码只显示这一次" description={`请当面或电话告知 ${temporary.user.displayName}；对方用它登录后须立即设置新密码。`} style={{ marginBottom: 12 }} />
            <Typography.Paragraph>
              {temporary.user.displayName}（{temporary.user.username}）的临时密码：
              <Typography.Text code copyable data-testid="temporary-password-value">
                {temporary.temporaryPassword}
              </Typography.Text>
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </>
  );
}
