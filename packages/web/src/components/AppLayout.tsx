import { useState } from "react";
import { App, Avatar, Button, Card, Drawer, Dropdown, Input, Layout, Menu, Modal, Space, Tag, Typography } from "antd";
import { labelRole } from "@zhenggai/core";
import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { canUser, isSupervisor, rolesOf, useSession } from "../hooks/useSession.ts";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { DelegationsModal } from "./DelegationsModal.tsx";
import { NotificationBell } from "./NotificationBell.tsx";
import { PageSpin } from "./PageSpin.tsx";
import { useIsNarrow } from "./ResponsiveTable.tsx";

interface MenuEntry {
  key: string;
  label: string;
  isVisible: boolean;
}

const BRAND = "#8e1515";

/**
 * The signed-in shell: side menu by role (a drawer behind ☰ on phones), header with the search box,
 * the user, password change, 代签授权 and logout. A user whose password an administrator reset sees
 * only the password change until it is done.
 */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const isNarrow = useIsNarrow();
  const [isPasswordOpen, setIsPasswordOpen] = useState(false);
  const [isDelegationsOpen, setIsDelegationsOpen] = useState(false);
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  const [searchText, setSearchText] = useState("");

  if (session.isLoading) return <PageSpin />;
  if (session.needsSetup) return <Navigate to="/setup" replace />;
  if (!session.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const user = session.user;
  if (session.mustChangePassword) return <ForcedPasswordChange />;

  const entries: MenuEntry[] = [
    { key: "/", label: "工作台", isVisible: true },
    { key: "/inspections", label: "巡察整改台账", isVisible: true },
    { key: "/registers", label: "整改成果登记", isVisible: canUser(user, "manage_registers") || isSupervisor(user) || canUser(user, "approve_notice") },
    { key: "/dashboard", label: "统计分析", isVisible: true },
    { key: "/imports", label: "导入通报与台账", isVisible: canUser(user, "manage_ledger") },
    { key: "/notices", label: "通报公示", isVisible: canUser(user, "edit_notice") || canUser(user, "approve_notice") },
    { key: "/directives", label: "督办约谈", isVisible: canUser(user, "issue_directive") || canUser(user, "reply_directive") || canUser(user, "manage_ledger") },
    { key: "/weekly-reports", label: "周汇报", isVisible: canUser(user, "manage_ledger") || canUser(user, "issue_directive") },
    { key: "/audit", label: "操作日志", isVisible: canUser(user, "view_audit") },
    { key: "/admin", label: "系统管理", isVisible: canUser(user, "administer") },
  ];
  const selected = entries.filter((e) => e.key !== "/" && location.pathname.startsWith(e.key)).map((e) => e.key);
  const measureOrLedger = location.pathname.startsWith("/measures") || location.pathname.startsWith("/findings") ? ["/inspections"] : [];
  const selectedKeys = selected.length ? selected : measureOrLedger.length ? measureOrLedger : location.pathname === "/" ? ["/"] : [];
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selectedKeys}
      style={{ background: "transparent" }}
      items={entries.filter((e) => e.isVisible).map((e) => ({ key: e.key, label: <Link to={e.key} onClick={() => setIsMenuOpen(false)}>{e.label}</Link> }))}
      aria-label="主菜单"
    />
  );
  const search = (value: string) => {
    const text = value.trim();
    if (text) navigate(`/search?q=${encodeURIComponent(text)}`);
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {!isNarrow && (
        <Layout.Sider width={184} theme="dark" breakpoint="lg" collapsedWidth={64} style={{ background: BRAND }} className="zg-no-print">
          <div style={{ color: "#fff", fontWeight: 600, fontSize: 16, padding: "18px 16px", whiteSpace: "nowrap", overflow: "hidden" }}>整改台账</div>
          {menu}
        </Layout.Sider>
      )}
      {isNarrow && (
        <Drawer open={isMenuOpen} onClose={() => setIsMenuOpen(false)} placement="left" size={220} title="整改台账" styles={{ body: { background: BRAND, padding: 0 } }}>
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          className="zg-no-print"
          style={{ background: "#fff", padding: isNarrow ? "0 8px" : "0 20px", display: "flex", alignItems: "center", gap: 8, borderBottom: "1px solid #eee", height: 56 }}
        >
          {isNarrow && (
            <Button type="text" aria-label="打开菜单" onClick={() => setIsMenuOpen(true)} style={{ fontSize: 20, paddingInline: 8 }}>
              ☰
            </Button>
          )}
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: "nowrap" }}>
            {isNarrow ? "整改台账" : "巡察整改台账管理系统"}
          </Typography.Text>
          <div style={{ flex: 1, display: "flex", justifyContent: "flex-end", minWidth: 0 }}>
            <Input.Search
              placeholder={isNarrow ? "搜索" : "搜索问题、措施、登记"}
              aria-label="全局搜索"
              allowClear
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={search}
              style={{ width: isNarrow ? "100%" : 240, maxWidth: 240 }}
            />
          </div>
          <NotificationBell />
          <Dropdown
            trigger={["click"]}
            menu={{
              items: [
                { key: "delegations", label: "代签授权" },
                { key: "password", label: "修改密码" },
                { key: "logout", label: "退出登录" },
              ],
              onClick: ({ key }) => {
                if (key === "password") setIsPasswordOpen(true);
                else if (key === "delegations") setIsDelegationsOpen(true);
                else void session.signOut("您已退出登录");
              },
            }}
          >
            <button type="button" data-testid="user-menu" style={{ background: "none", border: 0, cursor: "pointer", padding: 0, flexShrink: 0 }}>
              <Space>
                <Avatar style={{ background: "#b71c1c" }}>{user.displayName.slice(0, 1)}</Avatar>
                {!isNarrow && <span>{user.displayName}</span>}
                {!isNarrow &&
                  rolesOf(user).map((role) => (
                    <Tag key={role} style={{ marginInlineEnd: 0 }}>
                      {labelRole(role)}
                    </Tag>
                  ))}
              </Space>
            </button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: isNarrow ? 8 : 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <Modal title="修改密码" open={isPasswordOpen} footer={null} onCancel={() => setIsPasswordOpen(false)} destroyOnHidden>
        <ChangePasswordForm
          submitLabel="保存"
          onChanged={() => {
            message.success("密码已修改，其他设备上的登录已退出");
            setIsPasswordOpen(false);
          }}
        />
      </Modal>
      {isDelegationsOpen && <DelegationsModal onClose={() => setIsDelegationsOpen(false)} />}
    </Layout>
  );
}

/** After an administrator's reset: the temporary password must be replaced before anything else. */
function ForcedPasswordChange() {
  const session = useSession();
  const { message } = App.useApp();
  return (
    <div style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: "#f5f6f8", padding: 12 }}>
      <Card style={{ width: "min(420px, 100%)" }} title="请修改密码" data-testid="forced-password-change">
        <Typography.Paragraph>
          {session.user?.displayName}，管理员已为您重置了密码。请输入收到的临时密码，并设置只有您知道的新密码，之后才能继续使用系统。
        </Typography.Paragraph>
        <ChangePasswordForm
          submitLabel="修改密码并继续"
          currentLabel="临时密码"
          onChanged={() => {
            message.success("密码已修改");
            void session.refresh();
          }}
        />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void session.signOut("您已退出登录")}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}
