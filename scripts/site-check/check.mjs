// Reads a site written by `aims report site` the way its readers will: in headless
// Chromium (the system browser, driven by playwright-core), from file://.
//
//   node check.mjs SITE_DIR
//
// It opens every page, and on each asserts that nothing was requested from outside
// the site, that no console error or page error occurred, that every link the
// browser resolves to a file: URL names a file of the site (and its #fragment an
// element of that page), and that axe-core finds no WCAG 2.1 A/AA violation, in the
// light and the dark colour scheme. Then it walks as a newcomer would, by clicking
// only: from the home page to a high risk, to the control that treats it, to that
// control's evidence file and to the commit that approved the control; and it uses the
// search box, by typing and by pressing Enter. Keyboard: the first Tab reaches the
// skip link, and the search results are reached with the arrow keys.
//
// Exits non-zero, listing every problem, when anything fails.

import { existsSync, readdirSync, statSync, readFileSync } from "node:fs";
import { join, resolve, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const root = resolve(process.argv[2] || "");
if (!process.argv[2] || !existsSync(join(root, "index.html"))) {
  console.error("usage: node check.mjs SITE_DIR (a folder holding index.html)");
  process.exit(2);
}
const rootUrl = pathToFileURL(root + sep).href;
const problems = [];
const problem = (text) => {
  problems.push(text);
  console.error("problem: " + text);
};

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // The register's evidence files are the register's, not the site's pages.
      if (relative(root, path) !== "files") out.push(...pages(path));
    } else if (name.endsWith(".html")) {
      out.push(path);
    }
  }
  return out;
}

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});

// A page that records what it loaded and what went wrong on it.
async function open(context, label) {
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problem(`${label()}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problem(`${label()}: page error: ${e.message}`));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(rootUrl) && !url.startsWith("data:")) {
      problem(`${label()}: requested ${url}, outside the site`);
    }
  });
  page.on("requestfailed", (r) => problem(`${label()}: failed to load ${r.url()}`));
  return page;
}

// Every link of the page, as the browser resolves it, leads to a file of the site.
async function checkLinks(page, file) {
  const links = await page.evaluate(() =>
    [...document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]")].map(
      (e) => e.href || e.src || e.action,
    ),
  );
  for (const link of links) {
    if (/^https?:/.test(link)) continue;
    if (!link.startsWith(rootUrl)) {
      problem(`${file}: a link leads out of the site: ${link}`);
      continue;
    }
    const url = new URL(link);
    const target = fileURLToPath(url.origin === "null" ? "file://" + url.pathname : url.href.split(/[?#]/)[0]);
    if (!existsSync(target) || !statSync(target).isFile()) {
      problem(`${file}: broken link ${link}`);
      continue;
    }
    if (url.hash && target.endsWith(".html")) {
      const id = decodeURIComponent(url.hash.slice(1));
      const html = readFileSync(target, "utf8");
      if (!html.includes(`id="${id}"`)) problem(`${file}: no #${id} in ${relative(root, target)}`);
    }
  }
  return links.length;
}

async function axe(page, file, scheme) {
  // Evaluated by the driver: the page's Content-Security-Policy allows no inline
  // script, and axe is not the site's.
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
      // Reading stylesheets back is a request the page's policy forbids (and the
      // rule it serves, orientation lock, does not apply to these pages).
      preload: false,
    });
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + (n.failureSummary || "").split("\n").slice(1, 2).join("")),
    }));
  });
  for (const v of result) {
    problem(`${file} (${scheme}): axe ${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`);
  }
}

let current = "";
const files = pages(root);
let linkCount = 0;
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  const page = await open(context, () => current);
  // Every page in light; in dark, one page of each template is enough for colours.
  const seen = new Set();
  for (const path of files) {
    const file = relative(root, path).split(sep).join("/");
    const folder = file.includes("/") ? file.split("/")[0] + (file.includes("/heat-") ? "-heat" : file.endsWith("index.html") ? "-index" : "") : file;
    if (scheme === "dark" && seen.has(folder)) continue;
    seen.add(folder);
    current = file;
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    if (scheme === "light") linkCount += await checkLinks(page, file);
    await axe(page, file, scheme);
  }
  await context.close();
}
console.log(`${files.length} pages opened, ${linkCount} links followed to files of the site`);

// The walk, by clicking only.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, () => "walk " + page.url().slice(rootUrl.length));
  await page.goto(rootUrl + "index.html");
  current = "walk";

  // Keyboard: the first Tab reaches the skip link.
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement && document.activeElement.className);
  if (first !== "skip") problem(`walk: the first Tab reaches .${first}, not the skip link`);

  const high = page.locator("#top ~ div table tbody tr, section[aria-labelledby=top] tbody tr").filter({ hasText: "high" }).first();
  await high.locator("a[href*='risks/']").first().click();
  const riskUrl = page.url();
  if (!/risks\/R-\d+\.html$/.test(riskUrl)) problem(`walk: a high risk opened ${riskUrl}`);
  const riskTitle = await page.locator("h1").innerText();

  // The control that treats it.
  await page.locator("section[aria-labelledby=treatment] table a[href*='controls/']").first().click();
  const controlUrl = page.url();
  if (!/controls\/A\.[\d.]+\.html$/.test(controlUrl)) problem(`walk: the control opened ${controlUrl}`);

  // Its evidence: the copy of the register's file.
  const evidence = page.locator("section[aria-labelledby=evidence] a.file").first();
  const evidenceHref = await evidence.getAttribute("href");
  await evidence.click();
  const evidenceUrl = page.url();
  if (!evidenceUrl.includes("/files/evidence/")) problem(`walk: the evidence opened ${evidenceUrl}`);
  const body = await page.locator("body").innerText();
  if (!body.trim()) problem(`walk: the evidence file ${evidenceHref} is empty`);
  await page.goBack();

  // The commit that approved the control.
  const approval = page.locator("section[aria-labelledby=approval] a[href*='history/']").first();
  if ((await approval.count()) === 0) {
    problem("walk: the control's page links no approving commit");
  } else {
    await approval.click();
    const commit = await page.locator("main").innerText();
    if (!/Approves|approved/i.test(commit)) problem(`walk: the commit page does not show the approval:\n${commit.slice(0, 400)}`);
  }
  console.log(`walk: home -> ${riskTitle} -> ${controlUrl.slice(rootUrl.length)} -> ${evidenceHref} -> approving commit`);

  // Search: type an id, the result appears under the box; click it.
  await page.goto(rootUrl + "index.html");
  await page.locator("#q").fill("R-001");
  await page.locator("#search-results a").first().waitFor({ timeout: 5000 });
  const hit = await page.locator("#search-results a").first().innerText();
  if (!hit.includes("R-001")) problem(`search: the first result for R-001 is ${hit}`);
  // The arrow key reaches the results.
  await page.locator("#q").press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement.closest("#search-results") !== null);
  if (!focused) problem("search: ArrowDown does not reach the results");
  await page.keyboard.press("Enter");
  await page.waitForURL(/risks\/R-001\.html$/, { timeout: 5000 }).catch(() => problem(`search: the result opened ${page.url()}`));

  // Enter in the box: every result, on the search page.
  await page.locator("#q").fill("fairness");
  await page.locator("#q").press("Enter");
  await page.waitForURL(/search\.html\?q=fairness/);
  await page.locator("#search-page li").first().waitFor({ timeout: 5000 });
  const count = await page.locator("#search-page li").count();
  if (count < 2) problem(`search: "fairness" finds ${count} results`);
  console.log(`search: R-001 found and opened; "fairness" finds ${count} results`);

  // A sortable table sorts by a click on its heading.
  await page.goto(rootUrl + "risks/index.html");
  await page.locator("table.sortable thead th button").nth(1).click();
  const sorted = await page.locator("table.sortable thead th").nth(1).getAttribute("aria-sort");
  if (sorted !== "ascending") problem(`sorting: the column is ${sorted}`);

  // A phone: the navigation and the tables fit; nothing scrolls the page sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["index.html", "risks/R-001.html", "controls/A.6.2.4.html", "reports/soa.html", "reports/register.html", "reports/audit.html", "evidence/index.html", "history/index.html"]) {
    await page.goto(rootUrl + path);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 1) problem(`phone: ${path} scrolls sideways by ${wide}px`);
  }
  await context.close();
}

await browser.close();
if (problems.length) {
  console.error(`\n${problems.length} problem(s)`);
  process.exit(1);
}
console.log("the site passed in Chromium: links, console, axe (light and dark), the walk, search, keyboard, phone width");
