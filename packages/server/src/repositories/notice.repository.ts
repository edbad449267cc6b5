import type { Queryable } from "../db/database.ts";
import { camelizeRow } from "./sql.ts";

/** An acknowledgement of one warning of a notice's check, with the name of who gave it. */
export interface AcknowledgementRow {
  warningKey: string;
  code: string;
  message: string;
  note: string | null;
  acknowledgedBy: number;
  acknowledgedByName: string;
  acknowledgedAt: string;
}

/** The acknowledgements recorded on a notice, oldest first. */
export async function listAcknowledgements(q: Queryable, noticeId: number): Promise<AcknowledgementRow[]> {
  const rows = await q.query(
    `select a.warning_key, a.code, a.message, a.note, a.acknowledged_by, u.display_name as acknowledged_by_name, a.acknowledged_at
       from notice_acknowledgements a join users u on u.id = a.acknowledged_by where a.notice_id = $1 order by a.id`,
    [noticeId],
  );
  return rows.map((r) => camelizeRow<AcknowledgementRow>(r));
}
