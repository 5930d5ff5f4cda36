// The reader's pages measured in headless Chromium at a 375 px phone and a
// 1280 px desktop: no page scrolls sideways, every wide table scrolls in its
// own box, /stats/ reads as a short report, chart labels are legible on a
// phone, the bulletin list comes before the charts, names do not break,
// axe finds nothing serious on /stats/, and a bulletin's photo loads (its
// WebP copy), fits the screen and has the shape its width and height
// promise (upright).
//
//   node tests/browser/layout.mjs [base-url]
//
// Without <base-url> it serves the example site itself. Screenshots go to
// target/browser-artifacts/layout-*.png.

import path from "node:path";
import { createRequire } from "node:module";

import { artifactsDir, launch, run, startServer } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

const PHONE = { name: "phone", width: 375, height: 800 };
const DESKTOP = { name: "desktop", width: 1280, height: 800 };
/** /stats/ before any details are opened, at 1280 px: about three screens. */
const STATS_MAX_HEIGHT = 3 * 800;
/** The smallest chart label on a phone, in CSS px. */
const MIN_LABEL_PX = 12;
/** A bulletin of the example site with a photo. */
const PHOTO_BULLETIN = "/bulletins/xiamen-anquan-shengchan-yue-yanlian/";

run(async () => {
  const base = process.argv[2] || (await startServer({ args: ["--root", "."] })).url;
  const out = artifactsDir();
  const browser = await launch();
  const page = await browser.context.newPage();
  const failures = [];
  const check = (ok, message) => {
    if (!ok) failures.push(message);
  };

  try {
    await goto(page, base, "/");
    const links = await page.$$eval("a[href]", (as) => as.map((a) => new URL(a.href).pathname));
    const pick = (re, what) => {
      const hit = links.find((p) => re.test(p));
      if (!hit) throw new Error(`expected the home page to link to ${what}, found none`);
      return hit;
    };
    const campaign = pick(/^\/campaigns\/[^/]+\/$/, "a campaign page");
    const region = pick(/^\/regions\/.+\/$/, "a region page");
    // A bulletin whose body holds a Markdown table, if the site has one.
    let bulletin = pick(/^\/bulletins\/[^/]+\/$/, "a bulletin page");
    for (const p of links.filter((l) => /^\/bulletins\/[^/]+\/$/.test(l))) {
      await goto(page, base, p);
      if (await page.$(".prose table")) {
        bulletin = p;
        break;
      }
    }
    const targets = [
      ["home", "/"],
      ["campaign", campaign],
      ["region", region],
      ["bulletin", bulletin],
      ["stats", "/stats/"],
      ["search", "/search/"],
      ["photo", PHOTO_BULLETIN],
    ];

    for (const vp of [PHONE, DESKTOP]) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      for (const [name, urlPath] of targets) {
        await goto(page, base, urlPath);
        const where = `${urlPath} at ${vp.width} px`;
        if (name === "stats" && vp === DESKTOP) {
          const h = await page.evaluate(() => document.documentElement.scrollHeight);
          console.log(`/stats/ at 1280 px, details closed: ${h} px high`);
          check(h <= STATS_MAX_HEIGHT, `expected /stats/ at 1280 px to be at most ${STATS_MAX_HEIGHT} px high with details closed, got ${h} px`);
        }
        await page.screenshot({ path: path.join(out, `layout-${name}-${vp.name}.png`), fullPage: true });
        // Everything open: what a reader sees after asking for the details.
        await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
        const m = await page.evaluate(measure);
        check(m.scroll <= m.inner, `expected no horizontal page scroll on ${where}: scrollWidth ${m.scroll} > ${m.inner}; wide: ${m.wide.join(", ")}`);
        for (const t of m.tables) {
          check(t.box, `expected every table on ${where} to sit in a box that scrolls sideways, or to fit: ${t.what} is ${t.width} px in ${m.inner} px`);
          if (t.scrolls) {
            check(t.focusable && t.named, `expected the scrolling box of ${t.what} on ${where} to be focusable (tabindex=0) and named (role=region, aria-label)`);
          }
        }
        for (const n of m.names) {
          check(n.rects === 1 && n.height <= n.line * 1.3, `expected the name “${n.text}” on ${where} to stay on one line, got ${n.rects} boxes ${n.height} px high (line ${n.line} px)`);
        }
        if (vp === PHONE) {
          for (const l of m.labels) {
            check(l.px >= MIN_LABEL_PX - 0.05, `expected chart labels on ${where} to be at least ${MIN_LABEL_PX} px, “${l.text}” is ${l.px.toFixed(1)} px`);
            check(!l.cut || l.titled, `expected the cut chart label “${l.text}” on ${where} to carry its full name in a <title>`);
          }
        }
        if (name === "stats") {
          check(m.scrollers > 0 || vp === DESKTOP, `expected a wide table on /stats/ at ${vp.width} px to scroll in its box`);
          check(m.hints === (vp === PHONE), `expected the “左右滑动查看” cue on /stats/ ${vp === PHONE ? "shown" : "hidden"} at ${vp.width} px, ${m.hints ? "shown" : "hidden"}`);
          if (vp === DESKTOP) {
            check(m.widest > 760, `expected the cross tables on /stats/ to use the desktop's width (more than 760 px), widest box is ${m.widest} px`);
          }
        }
        if (name === "photo") {
          const photos = await page.$$eval("figure.photo img", (imgs) =>
            Promise.all(imgs.map(async (img) => {
              img.loading = "eager";
              img.scrollIntoView();
              await img.decode().catch(() => {});
              const r = img.getBoundingClientRect();
              return { src: img.currentSrc, natural: img.naturalWidth, naturalH: img.naturalHeight, w: r.width, right: r.right, declared: img.getAttribute("height") / img.getAttribute("width") };
            })));
          check(photos.length > 0, `expected a photo (figure.photo) on ${where}`);
          for (const ph of photos) {
            check(ph.natural > 0, `expected the photo ${ph.src} on ${where} to load`);
            check(/\.webp$/.test(new URL(ph.src).pathname), `expected Chromium to pick the photo's WebP copy (<picture><source type="image/webp">) on ${where}, it loaded ${ph.src}`);
            check(ph.right <= m.inner + 0.5, `expected the photo ${ph.src} on ${where} to fit the screen, its right edge is at ${ph.right} px`);
            check(Math.abs(ph.naturalH / ph.natural - ph.declared) < 0.01, `expected the photo ${ph.src} on ${where} to have the shape of its width and height attributes (upright): ${ph.natural}×${ph.naturalH}, declared ratio ${ph.declared}`);
          }
        }
        if (name === "campaign") {
          check(m.listTop !== null && m.chartTop !== null && m.listTop < m.chartTop, `expected the bulletin list (top ${m.listTop}) above the first chart (top ${m.chartTop}) on ${where}`);
        }
        console.log(`ok ${name} ${where}: ${m.tables.length} tables (${m.scrollers} scrolling), ${m.names.length} names, ${m.labels.length} chart labels${m.labels.length ? ` (smallest ${Math.min(...m.labels.map((l) => l.px)).toFixed(1)} px)` : ""}`);
      }
      // axe on /stats/, details closed and open.
      for (const open of [false, true]) {
        await goto(page, base, "/stats/");
        if (open) await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
        await page.addScriptTag({ path: AXE });
        const bad = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
        });
        check(!bad.length, `expected no serious or critical axe violations on /stats/ at ${vp.width} px (details ${open ? "open" : "closed"}):\n  ${bad.join("\n  ")}`);
        console.log(`ok axe /stats/ at ${vp.width} px, details ${open ? "open" : "closed"}`);
      }
    }
    if (failures.length) throw new Error(`${failures.length} layout checks failed:\n- ${failures.join("\n- ")}`);
    console.log(`layout: all checks passed (screenshots in ${path.relative(process.cwd(), out) || "."})`);
  } finally {
    await browser.close();
  }
});

/** Measures the page in the browser. */
function measure() {
  const inner = window.innerWidth;
  const describe = (e) => `<${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? ` class="${e.className}"` : ""}>`;
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const scrollBox = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return p;
    }
    return null;
  };
  const tables = [...document.querySelectorAll("main table")].filter(visible).map((t) => {
    const box = scrollBox(t);
    const r = t.getBoundingClientRect();
    const fits = r.left >= -0.5 && r.right <= inner + 0.5;
    const inBox = box && box.getBoundingClientRect().right <= inner + 0.5;
    const scrolls = !!box && box.scrollWidth > box.clientWidth + 1;
    return {
      what: `${describe(t)}${t.caption ? ` “${t.caption.textContent.trim()}”` : ""}`,
      width: Math.round(t.scrollWidth),
      box: !!inBox || (!box && fits),
      scrolls,
      focusable: !!box && box.tabIndex >= 0,
      named: !!box && box.getAttribute("role") === "region" && !!box.getAttribute("aria-label"),
      boxWidth: box ? box.getBoundingClientRect().width : 0,
    };
  });
  const names = [...document.querySelectorAll("main .nb, .site-footer .nb")].filter(visible).map((e) => {
    const cs = getComputedStyle(e);
    const line = cs.lineHeight === "normal" ? parseFloat(cs.fontSize) * 1.2 : parseFloat(cs.lineHeight);
    const rects = e.getClientRects();
    // A name may be wider than the line only when it is longer than the line.
    return { text: e.textContent.trim(), rects: rects.length, height: Math.round(e.getBoundingClientRect().height), line };
  });
  const labels = [...document.querySelectorAll("svg.chart text")].filter(visible).map((t) => {
    const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    const text = [...t.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
    return { text, px, cut: text.endsWith("…"), titled: !!t.querySelector("title") };
  });
  const top = (sel) => {
    const e = document.querySelector(sel);
    return e ? e.getBoundingClientRect().top + window.scrollY : null;
  };
  return {
    scroll: document.documentElement.scrollWidth,
    inner,
    wide: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > inner + 0.5 && !scrollBox(e))
      .slice(0, 3)
      .map(describe),
    tables,
    scrollers: tables.filter((t) => t.scrolls).length,
    widest: Math.round(Math.max(0, ...tables.map((t) => t.boxWidth))),
    hints: [...document.querySelectorAll(".scroll-hint")].some(visible),
    names,
    labels,
    listTop: top("main .listing"),
    chartTop: top("main figure.chart"),
  };
}

async function goto(page, base, urlPath) {
  const res = await page.goto(new URL(urlPath, base).href, { waitUntil: "load" });
  if (!res || res.status() !== 200) throw new Error(`expected ${urlPath} to answer 200, got ${res ? res.status() : "no response"}`);
  return res;
}
