// A Lighthouse report of the example site: the four category scores of the
// home page, a campaign page, a bulletin page and /stats/, on mobile and desktop.
//
//   node tests/browser/lighthouse.mjs [--min N] [base-url]
//
// Without <base-url> it starts `jianxun serve --root <repo> --port 0` itself
// ($JIANXUN_BIN, else the debug build in $CARGO_TARGET_DIR or target/).
// It is a report: it exits 0 whatever the scores, unless --min N is given
// and a score is below N (0–100). Lighthouse runs Debian's Chromium
// (CHROME_PATH); it never downloads a browser. JSON reports go to
// target/browser-artifacts/lighthouse/.

import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { CHROME_FLAGS, artifactsDir, chromePath, run, startServer } from "./lib.mjs";

const require = createRequire(import.meta.url);
const CLI = path.join(path.dirname(require.resolve("lighthouse/package.json")), "cli", "index.js");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const argv = process.argv.slice(2);
let min = null;
const minAt = argv.indexOf("--min");
if (minAt >= 0) {
  min = Number(argv[minAt + 1]);
  argv.splice(minAt, 2);
  if (!Number.isFinite(min)) {
    console.error("usage: node lighthouse.mjs [--min N] [base-url]");
    process.exit(2);
  }
}

run(async () => {
  const base = argv[0] || (await startServer({ args: ["--root", "."] })).url;
  const out = path.join(artifactsDir(), "lighthouse");
  mkdirSync(out, { recursive: true });

  const home = await (await fetch(base)).text();
  const hrefs = [...home.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1], base).pathname);
  const find = (re, what) => {
    const hit = hrefs.find((p) => re.test(p));
    if (!hit) throw new Error(`expected the home page to link to ${what}, found none`);
    return hit;
  };
  const pages = [
    ["home", "/"],
    ["campaign", find(/^\/campaigns\/[^/]+\/$/, "a campaign page")],
    ["bulletin", find(/^\/bulletins\/[^/]+\/$/, "a bulletin page")],
    ["stats", "/stats/"],
  ];

  const rows = [];
  const lows = [];
  for (const [name, urlPath] of pages) {
    for (const form of ["mobile", "desktop"]) {
      const file = path.join(out, `${name}-${form}.json`);
      const started = Date.now();
      await lighthouse(new URL(urlPath, base).href, form, file);
      const report = JSON.parse(readFileSync(file, "utf8"));
      if (report.runtimeError) throw new Error(`Lighthouse on ${urlPath}: ${report.runtimeError.message}`);
      const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
      rows.push([name, urlPath, form, ...scores, `${((Date.now() - started) / 1000).toFixed(0)} s`]);
      for (const c of CATEGORIES) {
        const cat = report.categories[c];
        if (!cat || cat.score === 1) continue;
        for (const ref of cat.auditRefs) {
          const a = report.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1) {
            lows.push(`${name} ${form} ${c}: ${a.id} (${Math.round(a.score * 100)}) ${a.title}`);
          }
        }
      }
    }
  }

  const head = ["page", "path", "form", "perf", "a11y", "best", "seo", "took"];
  const table = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
  console.log("Lighthouse scores (0–100):");
  for (const r of table) console.log("  " + r.map((v, i) => String(v).padEnd(widths[i])).join("  "));
  if (lows.length) {
    console.log("Audits below 100:");
    for (const l of [...new Set(lows)]) console.log(`  ${l}`);
  }
  console.log(`JSON reports in ${path.relative(process.cwd(), out) || "."}`);
  if (min !== null) {
    const below = rows.filter((r) => r.slice(3, 7).some((s) => s < min));
    if (below.length) throw new Error(`expected every score ≥ ${min}; below: ${below.map((r) => `${r[0]} ${r[2]}`).join(", ")}`);
  }
}, 600_000);

function lighthouse(url, form, outputPath) {
  const args = [
    CLI,
    url,
    "--quiet",
    "--output=json",
    `--output-path=${outputPath}`,
    `--only-categories=${CATEGORIES.join(",")}`,
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
    "--max-wait-for-load=30000",
  ];
  if (form === "desktop") args.push("--preset=desktop");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, CHROME_PATH: chromePath() },
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`lighthouse ${url} (${form}) exited with ${code}:\n${err.slice(-2000)}`));
    });
  });
}
