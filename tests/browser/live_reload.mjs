// Live reload as an editor sees it, in a real headless Chromium.
//
//   node tests/browser/live_reload.mjs <base-url> <site-dir> [bulletin.md] [page-path]
//
// <base-url> is a running `jianxun serve` of <site-dir>; the bulletin
// (default content/bulletins/live.md, page /bulletins/live/) must exist
// with a `date:` line in its front matter. The script edits that file and
// static/style.css and watches the open page react without any action:
// a save reloads with the new text, a bad front matter shows the error
// overlay over the last good page, a fix clears it, a CSS-only save restyles
// without a reload, and a save while another page is open brings the browser
// to the bulletin.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { artifactsDir, launch, run, waitFor, watchPage } from "./lib.mjs";

const [base, siteDir, bulletinRel = "content/bulletins/live.md", pagePath = "/bulletins/live/"] =
  process.argv.slice(2);
if (!base || !siteDir) {
  console.error("usage: node live_reload.mjs <base-url> <site-dir> [bulletin.md] [page-path]");
  process.exit(2);
}
const bulletinFile = path.join(siteDir, bulletinRel);
const cssFile = path.join(siteDir, "static", "style.css");
const pageUrl = new URL(pagePath, base).href;

/** Splits a bulletin into its front matter (with both fences) and body. */
function split(text) {
  const m = text.match(/^(---\r?\n[\s\S]*?\r?\n---\r?\n)([\s\S]*)$/);
  if (!m) throw new Error(`${bulletinRel} has no front matter fenced by ---`);
  return { front: m[1], body: m[2] };
}

/** The page's text outside the error overlay. */
const pageText = () =>
  [...document.body.children]
    .filter((e) => e.id !== "jianxun-error-overlay" && e.tagName !== "SCRIPT")
    .map((e) => e.innerText)
    .join("\n");

/**
 * Runs in every page before its scripts: counts the live-reload events the
 * page received, so the test saves only once the page is connected (a page
 * that connects after a save is told the new version and reloads, which
 * would blur what a save did).
 */
function countEvents() {
  const Native = window.EventSource;
  window.__jianxunEvents = [];
  window.EventSource = function (url, options) {
    const es = new Native(url, options);
    for (const name of ["reload", "css", "errors"]) {
      es.addEventListener(name, () => window.__jianxunEvents.push(name));
    }
    return es;
  };
  window.EventSource.prototype = Native.prototype;
}

run(async () => {
  const original = readFileSync(bulletinFile, "utf8");
  const originalCss = readFileSync(cssFile, "utf8");
  const { front } = split(original);
  const frontLines = front.split(/\r?\n/);
  const dateIndex = frontLines.findIndex((l) => /^date:\s/.test(l));
  if (dateIndex < 0) throw new Error(`${bulletinRel} has no "date:" line in its front matter`);
  const writeBody = (front, body) => writeFileSync(bulletinFile, `${front}${body}\n`);
  const stamp = Date.now().toString(36);

  const browser = await launch();
  const page = await browser.context.newPage();
  const problems = watchPage(page, {
    // Navigating away closes the page's event stream; that is not a failure.
    ignoreFailed: (req, why) => req.url().includes("/__jianxun/events") && why === "net::ERR_ABORTED",
    // Not what this test is about; reader.mjs reports it.
  });
  await page.addInitScript(countEvents);
  const timings = [];
  const connected = (what) =>
    waitFor(`${what} to connect to /__jianxun/events and receive the current state`, () =>
      page.evaluate(() => (window.__jianxunEvents || []).length),
    );

  try {
    const res = await page.goto(pageUrl, { waitUntil: "load" });
    if (!res || res.status() !== 200) throw new Error(`expected ${pageUrl} to answer 200, got ${res && res.status()}`);
    await waitFor("the live-reload script to be injected", () =>
      page.evaluate(() => !!document.querySelector('script[src*="/__jianxun/reload.js"]')),
    );
    await connected("the bulletin page");

    // 1. A save shows up without any action.
    const text1 = `浏览器里自动出现的新正文${stamp}`;
    await page.evaluate(() => (window.__jianxunMarker = "before-save"));
    writeBody(front, text1);
    let t = await waitFor(`the page to show the saved text "${text1}" within 15 s of the save`, () =>
      page.evaluate(pageText),
      (s) => s.includes(text1),
    );
    timings.push(`save → new text shown: ${t.ms} ms`);
    if (new URL(page.url()).pathname !== pagePath) {
      throw new Error(`expected to stay on ${pagePath} after saving it, but the browser is at ${page.url()}`);
    }
    await connected("the reloaded page");

    // 2. A bad front matter: overlay naming file:line:col, last good page under it.
    await page.evaluate(() => (window.__jianxunMarker = "before-bad-save"));
    const badLines = [...frontLines];
    badLines[dateIndex] = "date: 2024-13-01";
    const bad = badLines.join("\n");
    writeBody(bad, `这段文字不应出现${stamp}`);
    const location = `${bulletinRel}:${dateIndex + 1}:7`;
    t = await waitFor("the error overlay #jianxun-error-overlay to appear after a bad save", () =>
      page.evaluate(() => {
        const o = document.getElementById("jianxun-error-overlay");
        return o && o.getClientRects().length > 0;
      }),
    );
    timings.push(`bad save → overlay shown: ${t.ms} ms`);
    const locations = await page.$$eval("#jianxun-error-overlay .jianxun-error .jianxun-error-location", (els) =>
      els.map((e) => e.textContent.trim()),
    );
    if (!locations.includes(location)) {
      throw new Error(
        `expected the overlay to name ${location} (the bad date 2024-13-01), got locations ${JSON.stringify(locations)}`,
      );
    }
    await page.screenshot({ path: path.join(artifactsDir(), "live-reload-overlay.png") });
    const under = await page.evaluate(pageText);
    if (!under.includes(text1)) {
      throw new Error(`expected the last good page ("${text1}") to stay under the overlay, got:\n${under.slice(0, 400)}`);
    }
    if (under.includes(`这段文字不应出现${stamp}`)) {
      throw new Error("expected the broken save's text not to be shown, but it is");
    }
    const marker = await page.evaluate(() => window.__jianxunMarker);
    if (marker !== "before-bad-save") {
      throw new Error("expected a bad save to show the overlay without reloading the page, but the page reloaded");
    }

    // 3. Fixing the file clears the overlay and shows the fixed text.
    const text2 = `修正后的正文${stamp}`;
    writeBody(front, text2);
    t = await waitFor(
      `the overlay to disappear and the fixed text "${text2}" to appear after fixing the file`,
      () =>
        page.evaluate(() => ({
          overlay: !!document.getElementById("jianxun-error-overlay"),
          text: [...document.body.children]
            .filter((e) => e.id !== "jianxun-error-overlay")
            .map((e) => e.innerText)
            .join("\n"),
        })),
      (s) => !s.overlay && s.text.includes(text2),
    );
    timings.push(`fix → overlay gone, fixed text shown: ${t.ms} ms`);
    await connected("the page reloaded after the fix");

    // 4. A CSS-only save restyles without a reload.
    await page.evaluate(() => (window.__jianxunMarker = "before-css"));
    const before = await page.evaluate(() => getComputedStyle(document.body).borderTopWidth);
    const sheetsBefore = await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length);
    if (before === "7px") throw new Error("the test's border-top of 7px is already applied before the CSS save");
    writeFileSync(cssFile, `${originalCss}\nhtml body { border-top: 7px solid rgb(1, 2, 3); }\n`);
    t = await waitFor(
      `body's computed border-top-width to become 7px after saving static/style.css (was ${before})`,
      () => page.evaluate(() => getComputedStyle(document.body).borderTopWidth),
      (w) => w === "7px",
    );
    timings.push(`CSS save → restyled: ${t.ms} ms`);
    const marker2 = await page.evaluate(() => window.__jianxunMarker);
    if (marker2 !== "before-css") {
      throw new Error("expected a CSS-only save to restyle without a reload, but the page reloaded (window marker lost)");
    }
    await waitFor(
      `the old stylesheet <link>s to be removed once the new ones loaded (${sheetsBefore} before the save)`,
      () => page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length),
      (n) => n === sheetsBefore,
    );

    // 5. Saving a bulletin while another page is open brings the browser to it.
    await page.goto(base, { waitUntil: "load" });
    await connected("the home page");
    const text3 = `从首页跳到这篇简讯${stamp}`;
    writeBody(front, text3);
    t = await waitFor(
      `the browser to go from the home page to ${pagePath} and show "${text3}" after saving the bulletin`,
      () => page.evaluate(() => ({ path: location.pathname, text: document.body.innerText })),
      (s) => s.path === pagePath && s.text.includes(text3),
    );
    timings.push(`save on another page → bulletin shown: ${t.ms} ms`);

    if (problems.length) throw new Error(`expected no console errors or failed requests, got:\n${problems.join("\n")}`);
    for (const line of timings) console.log(line);
    console.log("live reload: all checks passed");
  } finally {
    writeFileSync(bulletinFile, original);
    writeFileSync(cssFile, originalCss);
    await browser.close();
  }
});
