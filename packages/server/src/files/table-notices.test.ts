// Notices whose problems are a table (序号 | 问题 | 整改措施 | 责任单位 | 完成时限 | 整改情况), as a web page and as a
// Word file built in the test: the rows become problems with their columns. Our own invented text.
import { describe, expect, it } from "vitest";
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from "docx";
import { analyzeNotice, type ParsedNotice } from "@zhenggai/core";
import { extractNoticeText } from "./extract-text.ts";

const problemsOf = (notice: ParsedNotice) => notice.categories.flatMap((category) => category.problems);
const codesOf = (findings: { code: string; problemSeqs?: number[] }[]) => findings.map((finding) => `${finding.code}:${(finding.problemSeqs ?? []).join(",")}`);

const HTML_NOTICE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>云岭县林业局</title></head><body>
<div class="breadcrumb">首页 &gt; 通知公告</div>
<h1>中共云岭县林业局党组关于巡察整改进展情况的通报</h1>
<p>2024年3月11日至5月17日，县委第二巡察组对县林业局党组进行了巡察，2024年6月10日反馈了巡察意见。</p>
<p>截至2024年10月31日，反馈的3个问题已完成整改2个，正在整改1个。</p>
<table border="1">
<thead><tr><th>序号</th><th>反馈问题</th><th>整改措施</th><th>责任单位</th><th>完成时限</th><th>整改情况</th></tr></thead>
<tbody>
<tr><td colspan="6">（一）林地管理方面</td></tr>
<tr><td>1</td><td>林地占用审批把关不严</td><td><p>复查近三年占用林地审批46件。</p><p>追回违规占用补偿款3.2万元。</p></td><td rowspan="2">资源管理股</td><td>2024年8月</td><td>已完成</td></tr>
<tr><td>2</td><td>护林员考勤流于形式</td><td>启用巡护定位系统，按月通报考勤结果，解聘不履职护林员3名。</td><td>2024年9月</td><td>已完成</td></tr>
<tr><td colspan="6">（二）资金管理方面</td></tr>
<tr><td>3</td><td>生态补偿资金拨付滞后</td><td>核对2023年度补偿对象1260户，剩余资金按月拨付到户。</td><td>计划财务股</td><td>2024年12月</td><td>正在整改</td></tr>
</tbody></table>
<p>欢迎社会各界监督。联系电话：0871-6650123；电子邮箱：ylly@example.cn。</p>
<p>中共云岭县林业局党组</p><p>2024年11月5日</p>
<div id="footer">版权所有 云岭县人民政府 联系电话：0871-6650999</div>
</body></html>`;

describe("a web page whose problems are an HTML table", () => {
  it("reads each row as a problem with its status column, the group rows as categories", async () => {
    const { text, format } = await extractNoticeText(new TextEncoder().encode(HTML_NOTICE), "notice.html");
    expect(format).toBe("html");
    const { notice, findings } = analyzeNotice(text, { format });
    expect(notice.title).toBe("中共云岭县林业局党组关于巡察整改进展情况的通报");
    expect(notice.categories.map((category) => category.label)).toEqual(["（一）林地管理方面", "（二）资金管理方面"]);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual(["1:林地占用审批把关不严", "2:护林员考勤流于形式", "3:生态补偿资金拨付滞后"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "completed", "in_progress"]);
    expect(problemsOf(notice)[0].progressText).toContain("追回违规占用补偿款3.2万元");
    expect(notice.claimedSummary).toMatchObject({ problemsTotal: 3, completed: 2, notCompleted: 1, funds: [{ yuan: 32000, text: "3.2万元", label: "追回违规占用补偿款" }] });
    expect(notice.contacts).toEqual({ phones: ["0871-6650123"], emails: ["ylly@example.cn"], postal: [] });
    expect(codesOf(findings)).toEqual([]);
  });
});

function cell(text: string, options: { span?: number; merge?: "restart" | "continue" } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun(text)] })],
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.merge ? { verticalMerge: options.merge === "restart" ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });
}

describe("a Word notice whose problems are a table", () => {
  it("reads the docx table's rows as problems", async () => {
    const header = ["序号", "存在问题", "整改措施", "责任单位", "完成时限", "整改情况"];
    const rows = [
      ["1", "公文处理流程不规范", "修订公文处理办法，对2023年以来的公文逐件复查218件。", "办公室", "2024年6月", "已完成"],
      ["2", "固定资产账实不符", "全面盘点固定资产1530件，核销报废资产62件。", "财务科", "2024年8月", "阶段性完成"],
      ["3", "干部轮岗交流不及时", "制定轮岗交流计划，已完成4个关键岗位轮岗。", "人事科", "2024年9月", "已完成"],
    ];
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "中共石川县档案馆党组关于巡察整改进展情况的通报", bold: true })] }),
            new Paragraph({ children: [new TextRun("2024年2月19日至4月12日，县委第四巡察组对县档案馆党组开展了巡察，2024年5月8日反馈了巡察意见。")] }),
            new Table({
              rows: [
                new TableRow({ children: header.map((text) => cell(text)) }),
                new TableRow({ children: [cell("（一）制度执行方面", { span: 6 })] }),
                ...rows.slice(0, 2).map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
                new TableRow({ children: [cell("（二）干部管理方面", { span: 6 })] }),
                new TableRow({ children: rows[2].map((text) => cell(text)) }),
              ],
            }),
            new Paragraph({ children: [new TextRun("欢迎监督。联系电话：0744-3321456；电子邮箱：scdag@example.cn。")] }),
            new Paragraph({ children: [new TextRun("中共石川县档案馆党组")] }),
            new Paragraph({ children: [new TextRun("2024年10月15日")] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(document));
    const { text, format } = await extractNoticeText(bytes, "档案馆通报.docx");
    expect(format).toBe("docx");
    const { notice, findings } = analyzeNotice(text, { format });
    expect(notice.issuer).toBe("中共石川县档案馆党组");
    expect(notice.categories.map((category) => category.label)).toEqual(["（一）制度执行方面", "（二）干部管理方面"]);
    expect(problemsOf(notice).map((problem) => `${problem.number}:${problem.title}`)).toEqual(["1:公文处理流程不规范", "2:固定资产账实不符", "3:干部轮岗交流不及时"]);
    expect(problemsOf(notice).map((problem) => problem.status)).toEqual(["completed", "phased", "completed"]);
    expect(problemsOf(notice)[1].progressText).toBe("全面盘点固定资产1530件，核销报废资产62件。");
    expect(codesOf(findings)).toEqual([]);
  });
});
