// A bulletin of a series printed as a 简讯, in a real headless Chromium.
//
//   node tests/browser/print.mjs [base-url]
//
// Without <base-url> it starts `jianxun serve --root <repo> --port 0` itself.
// Finds a series on /series/, opens its newest issue, checks the 打印 button
// shows and the masthead does not on screen, prints the page to PDF with the
// page size the stylesheet asks for, and reads the PDF back (pdfjs-dist):
// every page A4 (595×842 pt), the text read with NFKC (Noto CJK's glyphs
// map some ideographs to Kangxi radicals), the series name and the issue on page 1, the
// 报/送/发 block and the 印发 line on the last page, `— 1 —` at the foot of
// page 1 where Chromium draws @page margin boxes (131 and later). Then a
// plain page printed as a clean article: no navigation, no footer.
// The PDFs and a print-media screenshot go to target/browser-artifacts/.

import { writeFileSync } from "node:fs";
import path from "node:path";

import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

import { artifactsDir, launch, run, startServer } from "./lib.mjs";

const A4 = [595.28, 841.89];

/** Each page of a PDF: its size in points and its text. */
async function readPdf(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const [x0, y0, x1, y1] = p.view;
    const text = (await p.getTextContent()).items.map((i) => i.str).join("");
    pages.push({ width: x1 - x0, height: y1 - y0, text: text.normalize("NFKC").replace(/\s+/g, "") });
  }
  await doc.destroy();
  return pages;
}

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

run(async () => {
  let base = process.argv[2];
  if (!base) base = (await startServer({ args: ["--root", "."] })).url;
  const out = artifactsDir();
  const { context } = await launch();
  const page = await context.newPage();

  await page.goto(new URL("series/", base).href);
  const seriesUrl = await page.$eval("main .series-card a", (a) => a.href);
  const seriesName = (await page.$eval("main .series-card a", (a) => a.textContent)).trim();
  await page.goto(seriesUrl);
  const issueUrl = await page.$eval("main .issue-title", (a) => a.href);
  const issue = (await page.$eval("main .issue-number", (s) => s.textContent)).trim();
  await page.goto(issueUrl);

  // On screen: the button (the page has JavaScript), not the masthead.
  expect(await page.isVisible("button.print-button"), `expected a visible 打印 button on ${issueUrl}`);
  expect(!(await page.isVisible(".masthead")), `expected the masthead hidden on screen on ${issueUrl}`);
  const series = await page.$eval(".bulletin-series", (d) => d.textContent.replace(/\s+/g, " ").trim());
  expect(series.includes(seriesName) && series.includes(issue), `expected "${seriesName} · ${issue}" on the page, found "${series}"`);

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(path.join(out, "print-bulletin.pdf"), pdf);
  const pages = await readPdf(pdf);
  expect(pages.length >= 1, "expected the PDF to have pages");
  for (const [i, p] of pages.entries()) {
    const ok = Math.abs(p.width - A4[0]) <= 2 && Math.abs(p.height - A4[1]) <= 2;
    expect(ok, `expected page ${i + 1} to be A4 (595×842 pt), found ${p.width.toFixed(1)}×${p.height.toFixed(1)}`);
  }
  const first = pages[0].text;
  const last = pages[pages.length - 1].text;
  const squeeze = (s) => s.replace(/\s+/g, "");
  expect(first.includes(squeeze(seriesName)), `expected the masthead "${seriesName}" on page 1, found: ${first.slice(0, 200)}`);
  expect(first.includes(squeeze(issue)), `expected the issue "${issue}" on page 1, found: ${first.slice(0, 200)}`);
  for (const label of ["报:", "发:", "印发"]) {
    expect(last.includes(label), `expected "${label}" of the distribution block on the last page, found: ${last.slice(-300)}`);
  }
  expect(!first.includes("跳到正文") && !first.includes("主导航"), "expected no navigation in the printed bulletin");
  if ((await chromiumMajor(page)) >= 131) {
    expect(first.includes("—1—"), `expected the page number "— 1 —" on page 1, found: ${first.slice(-120)}`);
  }
  console.log(`printed ${issueUrl}: ${pages.length} A4 page(s), masthead "${seriesName}" ${issue}`);

  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: path.join(out, "print-bulletin.png"), fullPage: true });
  await page.emulateMedia({ media: null });

  // Any other page prints as a clean article.
  await page.goto(new URL("pages/about/", base).href);
  const about = await readPdf(await page.pdf({ preferCSSPageSize: true }));
  const all = about.map((p) => p.text).join("");
  for (const gone of ["首页活动地区归档", "搜索"]) {
    expect(!all.includes(gone), `expected no "${gone}" (navigation) on the printed about page, found: ${all.slice(0, 400)}`);
  }
  console.log(`printed pages/about/: ${about.length} page(s), no navigation`);
  console.log("print: all checks passed");
});

/** Chromium's major version, from the page's user agent. */
async function chromiumMajor(page) {
  const ua = await page.evaluate(() => navigator.userAgent);
  return Number(ua.match(/Chrome\/(\d+)/)?.[1] ?? 0);
}
