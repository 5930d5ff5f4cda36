// The error overlay as an editor sees it on a phone, in headless Chromium.
//
//   node tests/browser/overlay.mjs <base-url> <site-dir> <bulletin.md> <page-path> <line>
//
// <base-url> is a running `jianxun serve` (in Chinese) of <site-dir>; line
// <line> of the bulletin must read `  参与企业: 411`. The script breaks that
// value (`411个`) and checks the overlay on a 390 px wide page: the
// location, the Chinese message, the source line with its number, the bar
// under exactly the wrong character, the hint, no horizontal page scroll;
// the close button hides it; a fix clears it; the next bad save shows it
// again, and again after closing it.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { artifactsDir, launch, run, waitFor, watchPage } from "./lib.mjs";

const [base, siteDir, bulletinRel, pagePath, lineArg] = process.argv.slice(2);
if (!base || !siteDir || !bulletinRel || !pagePath || !lineArg) {
  console.error("usage: node overlay.mjs <base-url> <site-dir> <bulletin.md> <page-path> <line>");
  process.exit(2);
}
const line = Number(lineArg);
const bulletinFile = path.join(siteDir, bulletinRel);
const pageUrl = new URL(pagePath, base).href;

/** Whether the overlay is shown. */
const shown = () => {
  const o = document.getElementById("jianxun-error-overlay");
  return !!o && o.getClientRects().length > 0;
};

/** What the overlay shows of its first error, with the boxes that matter. */
function firstError() {
  const o = document.getElementById("jianxun-error-overlay");
  const item = o && o.querySelector(".jianxun-error");
  if (!item) return null;
  const q = (sel) => item.querySelector(sel);
  const rect = (e) => {
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  };
  const box = q(".jianxun-error-source");
  return {
    heading: o.querySelector("h2").textContent,
    location: q(".jianxun-error-location").textContent,
    message: q(".jianxun-error-message").textContent,
    code: q(".jianxun-error-code") && q(".jianxun-error-code").textContent,
    mark: q(".jianxun-error-mark") && q(".jianxun-error-mark").textContent,
    markRect: rect(q(".jianxun-error-mark")),
    barRect: rect(q(".jianxun-error-carets")),
    barColour: q(".jianxun-error-carets") && getComputedStyle(q(".jianxun-error-carets")).borderTopColor,
    hint: q(".jianxun-error-hint") && q(".jianxun-error-hint").textContent,
    sourceFont: box && getComputedStyle(box).fontFamily,
    sourceScrolls: box && getComputedStyle(box).overflowX,
    pageWidth: document.documentElement.scrollWidth,
    viewWidth: document.documentElement.clientWidth,
    overlayWidth: o.scrollWidth,
    overlayView: o.clientWidth,
    close: rect(o.querySelector("button.jianxun-error-close")),
    closeLabel: o.querySelector("button.jianxun-error-close").getAttribute("aria-label"),
  };
}

run(async () => {
  const original = readFileSync(bulletinFile, "utf8");
  const lines = original.split("\n");
  if (lines[line - 1] !== "  参与企业: 411") {
    throw new Error(`expected line ${line} of ${bulletinRel} to read "  参与企业: 411", got ${JSON.stringify(lines[line - 1])}`);
  }
  const withLine = (text) => lines.map((l, i) => (i === line - 1 ? text : l)).join("\n");
  const browser = await launch();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const problems = watchPage(page, {
    ignoreFailed: (req, why) => req.url().includes("/__jianxun/events") && why === "net::ERR_ABORTED",
  });
  try {
    const res = await page.goto(pageUrl, { waitUntil: "load" });
    if (!res || res.status() !== 200) throw new Error(`expected ${pageUrl} to answer 200, got ${res && res.status()}`);
    // Connected once the script has seen the current version.
    await waitFor("the live-reload script to be injected", () =>
      page.evaluate(() => !!document.querySelector('script[src*="/__jianxun/reload.js"]')),
    );
    await new Promise((r) => setTimeout(r, 1000));

    // 1. A bad value: the overlay reads like the terminal.
    writeFileSync(bulletinFile, withLine("  参与企业: 411个"));
    await waitFor("the error overlay to appear after a bad save", () => page.evaluate(shown));
    const e = (await waitFor("the overlay's first error", () => page.evaluate(firstError))).value;
    const location = `${bulletinRel}:${line}:12`;
    const checks = [
      [e.location === location, `location ${location}`, e.location],
      [/^构建失败/.test(e.heading), "a Chinese heading", e.heading],
      [/^错误\[E013\]: 指标/.test(e.message), "the Chinese message with its code", e.message],
      [e.code === `${line} | ` + "  参与企业: 411个", "the source line with its number", e.code],
      [e.mark === "个", "the wrong character marked", e.mark],
      [!!e.hint && e.hint.startsWith("提示："), "a Chinese hint", e.hint],
      [e.closeLabel === "关闭", "a close button labelled 关闭", e.closeLabel],
      [/mono/i.test(e.sourceFont || ""), "the source line in a monospace font", e.sourceFont],
      [e.sourceScrolls === "auto", "a long source line scrolling inside its box", e.sourceScrolls],
      [e.pageWidth <= e.viewWidth && e.overlayWidth <= e.overlayView, "no horizontal scroll at 390 px",
        { page: e.pageWidth, view: e.viewWidth, overlay: e.overlayWidth, overlayView: e.overlayView }],
      [!!e.close && e.close.right <= 390 && e.close.width >= 40, "the close button on screen and easy to tap", e.close],
    ];
    for (const [ok, what, got] of checks) {
      if (!ok) throw new Error(`expected ${what}, got ${JSON.stringify(got)}`);
    }
    // The bar sits right under the marked character, as wide as it is.
    const m = e.markRect;
    const b = e.barRect;
    if (!b || Math.abs(b.left - m.left) > 1 || Math.abs(b.width - m.width) > 1 || b.top < m.bottom - 2 || b.top > m.bottom + 12) {
      throw new Error(`expected the underline under the marked character ${JSON.stringify(m)}, got ${JSON.stringify(b)}`);
    }
    await page.screenshot({ path: path.join(artifactsDir(), "overlay-phone.png"), fullPage: false });

    // 2. Closing hides it.
    await page.click("#jianxun-error-overlay button.jianxun-error-close");
    await waitFor("the overlay to close when its close button is clicked", () => page.evaluate(shown), (s) => !s);

    // 3. A fix reloads the page without an overlay.
    writeFileSync(bulletinFile, withLine("  参与企业: 412"));
    await waitFor(
      "the page to show the fixed value 412 without an overlay",
      () => page.evaluate(() => ({ overlay: !!document.getElementById("jianxun-error-overlay"), text: document.body.innerText })),
      (s) => !s.overlay && s.text.includes("412"),
    );
    await new Promise((r) => setTimeout(r, 1000));

    // 4. The next bad save shows it again; closed, the one after shows it again too.
    writeFileSync(bulletinFile, withLine("  参与企业: 四百个"));
    await waitFor("the overlay to come back on the next bad save", () => page.evaluate(shown));
    await page.click("#jianxun-error-overlay button.jianxun-error-close");
    await waitFor("the overlay to close again", () => page.evaluate(shown), (s) => !s);
    writeFileSync(bulletinFile, withLine("  参与企业: 411家人"));
    await waitFor("the overlay to come back after closing it, on the next bad save", () => page.evaluate(shown));
    const again = (await waitFor("the overlay's error", () => page.evaluate(firstError))).value;
    if (!again.location.startsWith(`${bulletinRel}:${line}:`) || !again.code.endsWith("411家人")) {
      throw new Error(`expected the new error on line ${line} showing 411家人, got ${JSON.stringify(again)}`);
    }

    if (problems.length) throw new Error(`expected no console errors or failed requests, got:\n${problems.join("\n")}`);
    console.log("overlay: all checks passed");
  } finally {
    writeFileSync(bulletinFile, original);
    await browser.close();
  }
});
