import { useState, type HTMLAttributes, type Key, type ReactNode } from "react";
import { Button, Card, Empty, Grid, Pagination, Spin, Table } from "antd";
import type { TableColumnType, TableProps } from "antd";

/** True on a phone-sized screen (narrower than antd's `md`, 768 px). */
export function useIsNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a desktop, as the server renders nothing.
  return screens.md === false;
}

type Column<T> = TableColumnType<T> & { key?: Key };

function cellOf<T extends object>(column: Column<T>, row: T, index: number): ReactNode {
  const path = column.dataIndex === undefined ? [] : Array.isArray(column.dataIndex) ? column.dataIndex : [column.dataIndex];
  let value: unknown = row;
  for (const part of path) value = (value as Record<string, unknown> | null | undefined)?.[String(part)];
  if (path.length === 0) value = undefined;
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value === null || value === undefined ? "—" : String(value);
}

function rowKeyOf<T extends object>(rowKey: TableProps<T>["rowKey"], row: T, index: number): Key {
  if (typeof rowKey === "function") return rowKey(row, index);
  if (typeof rowKey === "string") return (row as Record<string, Key>)[rowKey];
  return index;
}

/**
 * An antd Table on office screens and a list of cards on phones: each card shows the first
 * column as its title and the others as "label: value" lines, keeps the row's click handler,
 * paging and an expand button for expandable rows. Use it wherever a list must work at 390 px.
 */
export function ResponsiveTable<T extends object>(
  props: TableProps<T> & {
    "data-testid"?: string;
    /** A card's title; default: the first column. */
    cardTitle?: (row: T) => ReactNode;
    /** Column keys the card leaves out (those already in its title). */
    cardHiddenKeys?: readonly string[];
  },
) {
  const isNarrow = useIsNarrow();
  const [expanded, setExpanded] = useState<Key[]>([]);
  if (!isNarrow) {
    const { cardTitle: _cardTitle, cardHiddenKeys: _cardHiddenKeys, ...tableProps } = props;
    return <Table<T> {...tableProps} />;
  }
  const rows = props.dataSource ?? [];
  const columns = (props.columns ?? []) as Column<T>[];
  const [first, ...others] = columns;
  const rest = (props.cardTitle ? columns : others).filter((column) => !props.cardHiddenKeys?.includes(String(column.key ?? column.dataIndex)));
  const pagination = props.pagination === false ? null : props.pagination;
  const isLoading = typeof props.loading === "object" ? props.loading.spinning : props.loading;
  const expandable = props.expandable;
  const openKeys = expandable?.expandedRowKeys ?? expanded;
  return (
    <div data-testid={props["data-testid"]} className="zg-card-list">
      <Spin spinning={!!isLoading}>
        {rows.length === 0 ? (
          <Empty description={typeof props.locale?.emptyText === "string" ? props.locale.emptyText : undefined} image={Empty.PRESENTED_IMAGE_SIMPLE}>
            {typeof props.locale?.emptyText === "string" ? null : (props.locale?.emptyText as ReactNode)}
          </Empty>
        ) : (
          rows.map((row, index) => {
            const key = rowKeyOf(props.rowKey, row, index);
            const handlers = (props.onRow?.(row, index) ?? {}) as HTMLAttributes<HTMLElement>;
            const isOpen = openKeys.includes(key);
            const canExpand = expandable?.expandedRowRender && (expandable.rowExpandable?.(row) ?? true);
            const toggle = () => {
              if (expandable?.onExpand) expandable.onExpand(!isOpen, row);
              else setExpanded((keys) => (isOpen ? keys.filter((k) => k !== key) : [...keys, key]));
            };
            return (
              <Card
                key={key}
                size="small"
                data-row-key={String(key)}
                style={{ marginBottom: 8, cursor: handlers.onClick ? "pointer" : undefined }}
                onClick={handlers.onClick as never}
                title={props.cardTitle ? props.cardTitle(row) : first ? cellOf(first, row, index) : null}
                styles={{ header: { paddingBlock: 8 }, title: { whiteSpace: "normal", overflow: "visible" }, body: { paddingBlock: 8 } }}
              >
                {rest
                  .filter((column) => column.title)
                  .map((column, columnIndex) => (
                    <div key={String(column.key ?? column.dataIndex ?? columnIndex)} style={{ display: "flex", gap: 8, lineHeight: "24px" }}>
                      <span style={{ color: "#888", flex: "0 0 5.5em" }}>{column.title as ReactNode}</span>
                      <span style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>{cellOf(column, row, index)}</span>
                    </div>
                  ))}
                {canExpand && (
                  <div onClick={(event) => event.stopPropagation()}>
                    <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={toggle} aria-expanded={isOpen}>
                      {isOpen ? "收起" : "展开整改措施"}
                    </Button>
                    {isOpen && expandable?.expandedRowRender?.(row, index, 1, true)}
                  </div>
                )}
              </Card>
            );
          })
        )}
      </Spin>
      {pagination && (pagination.total ?? 0) > (pagination.pageSize ?? 10) && (
        <Pagination
          size="small"
          simple
          style={{ marginTop: 8, textAlign: "center" }}
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={pagination.onChange}
        />
      )}
      {pagination && pagination.showTotal && (
        <div style={{ color: "#888", textAlign: "center", marginTop: 4 }}>{pagination.showTotal(pagination.total ?? rows.length, [1, rows.length])}</div>
      )}
    </div>
  );
}
