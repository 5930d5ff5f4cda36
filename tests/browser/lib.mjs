// Shared helpers for the headless-Chromium checks: find Debian's Chromium,
// launch it with a throwaway profile, start `jianxun serve`, and wait for
// conditions with messages that say what was expected.
//
// No tool here downloads a browser: playwright-core ships none, and every
// launch passes `executablePath` explicitly.

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

import { chromium } from "playwright-core";

/** The repository root (two levels above this file). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Longest single wait for a condition. */
export const WAIT_MS = 15_000;

/** The flags every Chromium we start gets (also used for Lighthouse). */
export const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--disable-dev-shm-usage",
];

/** Chromium's binary: $CHROME_PATH, else the first of chromium, chromium-browser on PATH. */
export function chromePath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const p = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (p) return p;
    } catch {
      // not on PATH
    }
  }
  fail(
    "Chromium not found: install it (Debian: `apt-get install -y chromium chromium-driver`) " +
      "or set CHROME_PATH to a Chromium binary",
  );
}

/** Where screenshots go: $BROWSER_ARTIFACTS or <repo>/target/browser-artifacts. */
export function artifactsDir() {
  const dir = process.env.BROWSER_ARTIFACTS || path.join(REPO, "target", "browser-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Launches Chromium with a fresh temporary profile. Returns { context, close }.
 */
export async function launch() {
  const profile = mkdtempSync(path.join(tmpdir(), "jianxun-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromePath(),
      headless: true,
      args: CHROME_FLAGS,
      viewport: { width: 1280, height: 800 },
      locale: "zh-CN",
      timeout: 60_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(30_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `jianxun serve --port 0 ...args` and resolves to { url, stop } once
 * it printed its address. `bin` defaults to $JIANXUN_BIN, else the debug build.
 */
export async function startServer({ bin, args = [], cwd = REPO } = {}) {
  bin = bin || process.env.JIANXUN_BIN || defaultBin();
  if (!existsSync(bin)) fail(`jianxun binary not found at ${bin}: run \`cargo build\` or set JIANXUN_BIN`);
  const child = spawn(bin, ["serve", "--port", "0", ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`jianxun serve printed no URL within 60 s; stderr:\n${stderr}`)), 60_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      const m = line.match(/http:\/\/[^\s/]+\//);
      if (m) resolve(m[0]);
      else reject(new Error(`expected "Serving <root> at http://127.0.0.1:PORT/ (…)", got: ${line}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`jianxun serve exited with ${code} before printing its URL; stderr:\n${stderr}`));
    });
  });
  lines.on("line", () => {}); // keep draining
  const stop = () => child.kill();
  cleanups.push(stop);
  return { url, stop };
}

function defaultBin() {
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, "target");
  return path.resolve(REPO, target, "debug", "jianxun");
}

/**
 * Polls `probe()` (which may throw while a page navigates) until `ok(value)`;
 * on timeout throws an error naming what was expected and what was last seen.
 */
export async function waitFor(expected, probe, ok = Boolean, timeoutMs = WAIT_MS) {
  const start = Date.now();
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (ok(last)) return { value: last, ms: Date.now() - start };
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - start > timeoutMs) {
      const seen = lastError ? `error: ${String(lastError.message || lastError).split("\n")[0]}` : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${expected}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Records console errors, page errors, HTTP errors and failed requests of a
 * page. `known(text)` returns a reason for a problem that is a known, reported
 * issue: such problems are printed as "known issue" and not counted.
 */
export function watchPage(page, { ignoreFailed = () => false, known = () => null } = {}) {
  const problems = [];
  const push = (text) => {
    const reason = known(text);
    if (reason) {
      if (!problems.known.has(text)) console.log(`known issue (not failing): ${text} — ${reason}`);
      problems.known.add(text);
    } else {
      problems.push(text);
    }
  };
  problems.known = new Set();
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location()?.url;
    push(`console error on ${page.url()}: ${msg.text()}${where ? ` [${where}]` : ""}`);
  });
  page.on("pageerror", (err) => push(`uncaught exception on ${page.url()}: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()} (from ${page.url()})`);
  });
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText || "failed";
    if (!ignoreFailed(req, why)) push(`request failed: ${req.method()} ${req.url()} (${why})`);
  });
  return problems;
}

/** Things to undo if the script fails (servers it started). */
const cleanups = [];

/** JIANXUN_BROWSER_STRICT=1: known issues fail like any other (to see whether they are fixed). */
export const STRICT = process.env.JIANXUN_BROWSER_STRICT === "1";

/** Prints `message`, stops what this script started, and exits 1. */
export function fail(message) {
  console.error(`FAIL: ${message}`);
  cleanUp();
  process.exit(1);
}

function cleanUp() {
  for (const c of cleanups.splice(0)) {
    try {
      c();
    } catch {
      // already gone
    }
  }
}

/** Runs `main`, turning any error into a FAIL line and exit 1; a hard cap stops hangs. */
export function run(main, capMs = 240_000) {
  const cap = setTimeout(() => fail(`gave up after ${capMs / 1000} s`), capMs);
  cap.unref();
  main().then(
    () => {
      cleanUp();
      process.exit(0);
    },
    (e) => fail(e && e.stack ? e.stack : String(e)),
  );
}
