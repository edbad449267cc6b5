import { Button } from "antd";
import { withQuery, type QueryValue } from "../api/client.ts";

/** 导出 Excel: downloads the list on screen, with the same filters, from the server's list export. */
export function ExportListButton(props: { kind: "inspections" | "findings" | "measures" | "audit" | "users" | "rollup" | "stats"; query?: Record<string, QueryValue>; label?: string }) {
  return (
    <Button href={withQuery(`/api/exports/lists/${props.kind}`, props.query ?? {})} download data-testid={`export-${props.kind}`} className="zg-no-print">
      {props.label ?? "导出 Excel"}
    </Button>
  );
}
