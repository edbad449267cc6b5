import { Empty, Timeline, Typography } from "antd";
import { formatTime, labelAuditAction } from "../api/labels.ts";
import type { AuditEntry } from "../api/types.ts";

const HIDDEN = new Set(["version", "updatedAt", "createdAt", "id", "orgId", "inspectionId"]);

/** What an entry changed, in words: the fields as the form names them, or the void's reason. */
export function describeChange(entry: AuditEntry, labels: Readonly<Record<string, string>>): string {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  if (typeof after.reason === "string" && after.reason) return `原因：${after.reason}`;
  if (entry.action !== "update") return "";
  const changed = Object.keys(after).filter((key) => !HIDDEN.has(key) && key in labels && JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  return changed.length ? `修改了${changed.map((key) => labels[key]).join("、")}` : "";
}

/** A record's history (变更记录): who did what and when, newest first. */
export function RecordHistory({ entries, labels, testId }: { entries: readonly AuditEntry[]; labels: Readonly<Record<string, string>>; testId?: string }) {
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      data-testid={testId}
      style={{ marginTop: 8 }}
      items={entries.map((entry) => {
        const change = describeChange(entry, labels);
        return {
          key: entry.id,
          color: entry.action === "void" ? "red" : undefined,
          content: (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(entry.at)} · {entry.actorName}
              </Typography.Text>
              <div>
                {labelAuditAction(entry.action)}
                {change ? <Typography.Text type="secondary">：{change}</Typography.Text> : null}
              </div>
            </div>
          ),
        };
      })}
    />
  );
}

/** Style of a voided record's text: struck through and greyed, content still readable. */
export const VOIDED_STYLE = { textDecoration: "line-through", color: "rgba(0,0,0,0.45)" } as const;
