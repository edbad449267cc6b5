// Audit labels live in core (the server's exports use them too); re-exported for the screens.
export { labelAuditAction, labelAuditEntity } from "@zhenggai/core";

/**
 * Formats an ISO timestamp to the minute in Asia/Shanghai, the product's display zone, whatever
 * zone the browser is set to (UTC+8 all year: no daylight saving).
 */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
