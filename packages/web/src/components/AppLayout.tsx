import { useState } from "react";
import { App, Avatar, Dropdown, Form, Input, Layout, Menu, Modal, Space, Tag, Typography } from "antd";
import { labelRole } from "@zhenggai/core";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { apiFetch, describeError } from "../api/client.ts";
import { canUser, rolesOf, useSession } from "../hooks/useSession.ts";
import { NotificationBell } from "./NotificationBell.tsx";
import { PageSpin } from "./PageSpin.tsx";

interface MenuEntry {
  key: string;
  label: string;
  isVisible: boolean;
}

/** The signed-in shell: side menu by role, header with the user, password change and logout. */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const { message } = App.useApp();
  const [isPasswordOpen, setIsPasswordOpen] = useState(false);
  const [passwordForm] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [isSaving, setIsSaving] = useState(false);

  if (session.isLoading) return <PageSpin />;
  if (session.needsSetup) return <Navigate to="/setup" replace />;
  if (!session.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const user = session.user;

  const entries: MenuEntry[] = [
    { key: "/", label: "工作台", isVisible: true },
    { key: "/inspections", label: "巡察整改台账", isVisible: true },
    { key: "/dashboard", label: "统计分析", isVisible: true },
    { key: "/imports", label: "导入通报与台账", isVisible: canUser(user, "manage_ledger") },
    { key: "/notices", label: "通报公示", isVisible: canUser(user, "edit_notice") || canUser(user, "approve_notice") },
    { key: "/directives", label: "督办约谈", isVisible: canUser(user, "issue_directive") || canUser(user, "reply_directive") || canUser(user, "manage_ledger") },
    { key: "/weekly-reports", label: "周汇报", isVisible: canUser(user, "manage_ledger") || canUser(user, "issue_directive") },
    { key: "/admin", label: "系统管理", isVisible: canUser(user, "administer") },
  ];
  const selected = entries.filter((e) => e.key !== "/" && location.pathname.startsWith(e.key)).map((e) => e.key);
  const measureOrLedger = location.pathname.startsWith("/measures") ? ["/inspections"] : [];
  const selectedKeys = selected.length ? selected : measureOrLedger.length ? measureOrLedger : location.pathname === "/" ? ["/"] : [];

  const changePassword = async () => {
    const values = await passwordForm.validateFields();
    setIsSaving(true);
    try {
      await apiFetch("/api/auth/password", { method: "POST", body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      message.success("密码已修改，其他设备上的登录已退出");
      setIsPasswordOpen(false);
      passwordForm.resetFields();
    } catch (reason) {
      message.error(describeError(reason));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={184} theme="dark" breakpoint="lg" collapsedWidth={64} style={{ background: "#8e1515" }}>
        <div style={{ color: "#fff", fontWeight: 600, fontSize: 16, padding: "18px 16px", whiteSpace: "nowrap", overflow: "hidden" }}>整改台账</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedKeys}
          style={{ background: "transparent" }}
          items={entries.filter((e) => e.isVisible).map((e) => ({ key: e.key, label: <Link to={e.key}>{e.label}</Link> }))}
          aria-label="主菜单"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: "#fff", padding: "0 20px", display: "flex", alignItems: "center", justifyContent: "space-between", borderBottom: "1px solid #eee", height: 56 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            巡察整改台账管理系统
          </Typography.Text>
          <Space size={0}>
          <NotificationBell />
          <Dropdown
            trigger={["click"]}
            menu={{
              items: [
                { key: "password", label: "修改密码" },
                { key: "logout", label: "退出登录" },
              ],
              onClick: ({ key }) => {
                if (key === "password") setIsPasswordOpen(true);
                else void session.signOut("您已退出登录");
              },
            }}
          >
            <button type="button" data-testid="user-menu" style={{ background: "none", border: 0, cursor: "pointer", padding: 0 }}>
              <Space>
                <Avatar style={{ background: "#b71c1c" }}>{user.displayName.slice(0, 1)}</Avatar>
                <span>{user.displayName}</span>
                {rolesOf(user).map((role) => (
                  <Tag key={role} style={{ marginInlineEnd: 0 }}>
                    {labelRole(role)}
                  </Tag>
                ))}
              </Space>
            </button>
          </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <Modal title="修改密码" open={isPasswordOpen} onOk={changePassword} confirmLoading={isSaving} onCancel={() => setIsPasswordOpen(false)} okText="保存" destroyOnHidden>
        <Form form={passwordForm} layout="vertical" preserve={false}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: "请输入当前密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" rules={[{ required: true, min: 8, message: "新密码至少 8 位" }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: "请再次输入新密码" },
              ({ getFieldValue }) => ({
                validator: (_rule, value) => (value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error("两次输入的密码不一致"))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Layout>
  );
}
