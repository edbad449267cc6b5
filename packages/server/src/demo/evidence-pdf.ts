
/** Makes a small, valid one-page PDF standing in for a scanned evidence file in the demo. */
export async function makeDemoEvidencePdf(label: string): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", info: { Title: label, Producer: "zhenggai demo" } });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    // Built-in Helvetica has no CJK glyphs, so the page carries an ASCII stand-in text.
    doc.fontSize(18).text("zhenggai demo evidence", 72, 96);
    doc.fontSize(11).text(`Fictional Qinghe County sample document #${Buffer.from(label).toString("hex").slice(0, 16)}`, 72, 140);
    doc.end();
  });
}
