// Helper for scripts/openclaw-*.sh, run with Node against an npm-installed openclaw package (never
// committed, never copied). Subcommands:
//   schema-paths <pkgDir> <pathsOut> <valuesOut> [<providersOut>]  OpenClaw's config JSON schema as key paths
//                                                 and enum values, and the provider ids it bundles (which a
//                                                 config may overlay without baseUrl and models)
//   extract <pkgDir> <outDir>                     every json/json5 block of <pkgDir>/docs that parses to an
//                                                 object, one file each, plus OpenClaw's verdict in index.jsonl
//   table <index.jsonl> <clawgate.jsonl> [--details]  the comparison table by cause (with --details, first
//                                                 each disagreeing block with its messages)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [command, ...args] = process.argv.slice(2);

/** The export of OpenClaw's bundled dist that defines `fn` (file names are content-hashed). */
async function importFunction(pkgDir, fn) {
  const dist = path.join(pkgDir, "dist");
  for (const name of fs.readdirSync(dist)) {
    if (!name.endsWith(".mjs")) continue;
    const text = fs.readFileSync(path.join(dist, name), "utf8");
    if (!text.includes(`function ${fn}(`)) continue;
    const exported = text.match(new RegExp(`\\b${fn} as (\\w+)`));
    if (!exported) continue;
    const mod = await import(pathToFileURL(path.join(dist, name)).href);
    return mod[exported[1]];
  }
  throw new Error(`no module of ${dist} exports ${fn}`);
}

function schemaPaths(schema) {
  const paths = new Set();
  const values = new Set();
  const seen = new Set();
  const resolve = (node) => {
    let n = node;
    for (let i = 0; n && n.$ref && i < 16; i++) {
      const parts = n.$ref.replace(/^#\//, "").split("/");
      n = parts.reduce((o, k) => (o ? o[k] : undefined), schema);
    }
    return n;
  };
  const walk = (raw, at, depth) => {
    const node = resolve(raw);
    if (!node || typeof node !== "object" || depth > 40) return;
    const key = at + "\u0000" + JSON.stringify(node).length;
    if (seen.has(key)) return;
    seen.add(key);
    for (const union of ["anyOf", "oneOf", "allOf"]) {
      for (const branch of node[union] || []) walk(branch, at, depth + 1);
    }
    if (node.const !== undefined && typeof node.const === "string" && at) values.add(`${at}=${node.const}`);
    for (const v of node.enum || []) if (typeof v === "string" && at) values.add(`${at}=${v}`);
    for (const [k, child] of Object.entries(node.properties || {})) {
      const p = at ? `${at}.${k}` : k;
      paths.add(p);
      walk(child, p, depth + 1);
    }
    if (node.additionalProperties && typeof node.additionalProperties === "object") {
      const p = at ? `${at}.*` : "*";
      paths.add(p);
      walk(node.additionalProperties, p, depth + 1);
    }
    for (const child of Object.values(node.patternProperties || {})) {
      const p = at ? `${at}.*` : "*";
      paths.add(p);
      walk(child, p, depth + 1);
    }
    if (node.items) {
      for (const item of Array.isArray(node.items) ? node.items : [node.items]) walk(item, `${at}[]`, depth + 1);
    }
  };
  walk(schema, "", 0);
  const sorted = (s) => [...s].filter((p) => !/[\s=]/.test(p.split("=")[0])).sort();
  return { paths: sorted(paths), values: sorted(values) };
}

/** The provider ids OpenClaw's schema lets a config overlay without baseUrl/models, in its order. */
function bundledProviderIds(pkgDir) {
  const dist = path.join(pkgDir, "dist");
  for (const name of fs.readdirSync(dist)) {
    if (!name.endsWith(".mjs")) continue;
    const m = fs.readFileSync(path.join(dist, name), "utf8").match(/BUILT_IN_MODEL_PROVIDER_OVERLAY_IDS = [^[]*\[([^\]]*)\]/);
    if (m) return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
  }
  throw new Error(`no module of ${dist} lists the bundled provider ids`);
}

/** Every ```json / ```json5 fence in the docs, with file and line. */
function* fences(docsDir) {
  const files = [];
  const visit = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.mdx?$/.test(e.name)) files.push(p);
    }
  };
  visit(docsDir);
  files.sort();
  for (const file of files) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const open = lines[i].match(/^(\s*)```(json5?|jsonc)\b/);
      if (!open) continue;
      const indent = open[1].length;
      const body = [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(Math.min(indent, lines[j].search(/\S|$/))));
      yield { file: path.relative(docsDir, file), line: i + 1, text: body.join("\n") };
      i = j;
    }
  }
}

async function extract(pkgDir, outDir) {
  const require = createRequire(path.join(pkgDir, "package.json"));
  const JSON5 = require("json5");
  const validate = await importFunction(pkgDir, "validateConfigObject");
  fs.mkdirSync(outDir, { recursive: true });
  const index = fs.createWriteStream(path.join(outDir, "index.jsonl"));
  let n = 0;
  let unparsed = 0;
  for (const block of fences(path.join(pkgDir, "docs"))) {
    let value;
    try {
      value = JSON5.parse(block.text);
    } catch {
      unparsed++;
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) continue;
    const name = `block-${String(++n).padStart(4, "0")}.json5`;
    fs.writeFileSync(path.join(outDir, name), block.text + "\n");
    let verdict;
    try {
      const r = validate(structuredClone(value));
      verdict = r.ok ? { ok: true } : { ok: false, issues: (r.issues || []).slice(0, 3).map((x) => `${x.path}: ${x.message}`) };
    } catch (e) {
      verdict = { ok: false, issues: [`validator threw: ${e.message}`] };
    }
    index.write(JSON.stringify({ name, source: `${block.file}:${block.line}`, openclaw: verdict }) + "\n");
  }
  index.end();
  console.error(`${n} object blocks extracted (${unparsed} fences were not JSON5 documents)`);
}

/** The cause of one Clawgate error message, for the table. */
function cause(message) {
  const rules = [
    [/cannot be called: environment variable/, "${VAR} unset for a provider of the default chain (needed now)"],
    [/environment variable .* is not set/, "${VAR} not set at validate time"],
    [/unknown provider|no built-in endpoint|needs a baseUrl/, "provider unknown to Clawgate / needs baseUrl"],
    [/unknown key '[^']+'.*known keys here: models, agents, gateway/, "root key is an error"],
    [/unknown key/, "nested key is an error"],
    [/not supported by Clawgate|unknown value/, "a value is an error"],
    [/model|reference/i, "model ref not in Clawgate's catalog"],
  ];
  for (const [re, label] of rules) if (re.test(message)) return label;
  return "other";
}

function table(indexFile, clawgateFile, details) {
  const read = (f) => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const clawgate = new Map(read(clawgateFile).map((r) => [r.name, r]));
  let accepted = 0, rejectedByBoth = 0, rejected = 0, laxer = 0;
  const causes = new Map();
  const warnings = new Map();
  for (const block of read(indexFile)) {
    const c = clawgate.get(block.name);
    if (!c) continue;
    if (block.openclaw.ok) {
      accepted++;
      for (const w of c.warningKeys || []) warnings.set(w, (warnings.get(w) || 0) + 1);
      if (c.errors.length) {
        rejected++;
        if (details) console.log(`REJECTED ${block.source} (${block.name}): ${c.errors.join(" | ")}`);
        const seen = new Set(c.errors.map(cause));
        for (const k of seen) {
          const e = causes.get(k) || { blocks: 0, example: `${block.source}: ${c.errors.find((m) => cause(m) === k)}` };
          e.blocks++;
          causes.set(k, e);
        }
      }
    } else if (c.errors.length) {
      rejectedByBoth++;
    } else {
      laxer++;
      if (details) console.log(`LAXER ${block.source} (${block.name}): OpenClaw says ${block.openclaw.issues.join(" | ")}`);
    }
  }
  console.log(`OpenClaw accepts ${accepted} blocks; Clawgate rejects ${rejected} of them.`);
  console.log(`OpenClaw rejects ${rejectedByBoth + laxer}: Clawgate rejects ${rejectedByBoth}, accepts ${laxer}.`);
  console.log("");
  console.log("| Cause | Blocks | Example |\n|---|---|---|");
  for (const [k, e] of [...causes].sort((a, b) => b[1].blocks - a[1].blocks)) {
    console.log(`| ${k} | ${e.blocks} | ${e.example.replace(/\|/g, "\\|").slice(0, 160)} |`);
  }
  console.log("\nWarnings on accepted blocks, by what Clawgate ignores (blocks):");
  const top = [...warnings].sort((a, b) => b[1] - a[1]);
  console.log(top.slice(0, 40).map(([k, n]) => `${k} ${n}`).join(", ") + (top.length > 40 ? `, ... (${top.length} in all)` : ""));
}

if (command === "schema-paths") {
  const build = await importFunction(args[0], "buildConfigSchemaCore");
  const { paths, values } = schemaPaths(build().schema);
  fs.writeFileSync(args[1], paths.join("\n") + "\n");
  fs.writeFileSync(args[2], values.join("\n") + "\n");
  if (args[3]) fs.writeFileSync(args[3], bundledProviderIds(args[0]).join("\n") + "\n");
  console.error(`${paths.length} paths, ${values.length} values`);
} else if (command === "extract") {
  await extract(args[0], args[1]);
} else if (command === "table") {
  table(args[0], args[1], args[2] === "--details");
} else {
  console.error("usage: openclaw-tool.mjs schema-paths|extract|table ...");
  process.exit(2);
}
