import type { ReactNode } from "react";

/** One row of an ItemList: a title, an optional description and actions on the right. */
export interface ItemRow {
  key: string | number;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}

/** A plain list of rows with dividers (antd's List is deprecated in antd 6.6). */
export function ItemList({ rows, testId }: { rows: readonly ItemRow[]; testId?: string }) {
  return (
    <ul data-testid={testId} style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {rows.map((row, index) => (
        <li key={row.key} style={{ display: "flex", alignItems: "flex-start", gap: 12, padding: "8px 0", borderTop: index === 0 ? undefined : "1px solid #f0f0f0" }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div>{row.title}</div>
            {row.description && <div style={{ color: "rgba(0,0,0,0.55)", fontSize: 13, marginTop: 2 }}>{row.description}</div>}
          </div>
          {row.actions && <div style={{ flexShrink: 0 }}>{row.actions}</div>}
        </li>
      ))}
    </ul>
  );
}
