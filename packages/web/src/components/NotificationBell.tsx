import { useEffect } from "react";
import { Badge, Tooltip } from "antd";
import { Link, useLocation } from "react-router";
import { useApi } from "../hooks/useApi.ts";

// How often the bell asks for the unread count (the scheduler itself runs about once a minute).
const POLL_MS = 60_000;

/** The bell in the header: unread count, links to the notification centre; refreshes on navigation and every minute. */
export function NotificationBell() {
  const location = useLocation();
  const count = useApi<{ unread: number }>("/api/notifications/unread-count");
  const { reload } = count;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    window.addEventListener("zg:notifications-read", reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener("zg:notifications-read", reload);
    };
  }, [reload]);
  useEffect(reload, [location.pathname, reload]);
  const unread = count.data?.unread ?? 0;
  return (
    <Tooltip title={unread ? `${unread} 条未读消息` : "消息"}>
      <Link to="/notifications" aria-label={`消息，${unread} 条未读`} data-testid="notification-bell" style={{ display: "inline-flex", alignItems: "center", marginInline: 8, flexShrink: 0, color: "inherit" }}>
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.7 21a2 2 0 0 1-3.4 0" />
          </svg>
        </Badge>
      </Link>
    </Tooltip>
  );
}

/** Tells the bell that notifications were read, so its count refreshes at once. */
export function announceNotificationsRead(): void {
  window.dispatchEvent(new Event("zg:notifications-read"));
}
