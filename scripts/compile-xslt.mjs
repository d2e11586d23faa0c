#!/usr/bin/env node
/**
 * Compiles every xslt/tei-to-*.xsl to build/xslt/<name>.sef.json (SaxonJS's compiled form),
 * with xslt3 (`-export -relocate:on -nogo`), one child process per stylesheet, as many at once
 * as there are cores.
 *
 *   node scripts/compile-xslt.mjs                 compile all
 *   node scripts/compile-xslt.mjs text json       compile only tei-to-text.xsl and tei-to-json.xsl
 *   node scripts/compile-xslt.mjs --if-stale      only those whose SEF is missing or older than
 *                                                 any xslt/*.xsl (they import common modules)
 *
 * Exits 1, naming the stylesheet and quoting the compiler, if one does not compile; its old SEF
 * (if any) is removed so that nothing runs a stale stylesheet.
 *
 * Then, when a stylesheet was compiled or the cache is missing or was made for another SaxonJS or
 * Node.js, V8's code cache of SaxonJS (build/saxon-js.codecache, see src/transform/saxon.ts): a
 * child process converts examples/*.txt with dist/ and saves the cache of SaxonJS as it ran. It
 * is skipped (with a note) when dist/ has not been built; SaxonJS then compiles from source.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const xsltDir = join(root, 'xslt');
const outDir = join(root, 'build', 'xslt');

function xslt3Path() {
  try {
    return createRequire(import.meta.url).resolve('xslt3');
  } catch {
    throw new Error('xslt3 is not installed (it is a devDependency): run npm install');
  }
}

async function mtime(path) {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

function compileOne(xslt3, xsl, sef) {
  const tmp = `${sef}.${process.pid}.tmp`;
  return new Promise((done) => {
    execFile(
      process.execPath,
      [xslt3, `-xsl:${xsl}`, `-export:${tmp}`, '-relocate:on', '-nogo'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      async (error, stdout, stderr) => {
        if (error) {
          await rm(tmp, { force: true });
          await rm(sef, { force: true });
          done({ xsl, ok: false, output: `${stderr}${stdout}`.trim() || error.message });
          return;
        }
        await rename(tmp, sef);
        done({ xsl, ok: true });
      },
    );
  });
}

/** Runs the tasks with at most `limit` running at once; resolves to their results in order. */
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The SaxonJS code cache: made by running the real pipeline (dist/) over the example in a child. */
const CODE_CACHE_SCRIPT = `
const { readFileSync, readdirSync } = await import('node:fs');
const root = process.argv[1];
const { convertBytes } = await import(root + '/dist/index.js');
const { defaultRegisters } = await import(root + '/dist/annotate/index.js');
const { writeSaxonCodeCache } = await import(root + '/dist/transform/saxon.js');
const annotate = { registers: defaultRegisters() };
for (const name of readdirSync(root + '/examples').filter((f) => f.endsWith('.txt'))) {
  const result = convertBytes(readFileSync(root + '/examples/' + name), { file: name, annotate });
  if (!result.ok) throw new Error(name + ' did not convert');
}
const { bytes } = writeSaxonCodeCache();
console.log('code cache of SaxonJS: build/saxon-js.codecache (' + Math.round(bytes / 1024) + ' KB)');
`;

async function writeCodeCache(force) {
  const saxonModule = join(root, 'dist', 'transform', 'saxon.js');
  if (!(await mtime(saxonModule))) {
    console.log('compile-xslt: no code cache for SaxonJS (dist/ not built: run npm run build)');
    return 0;
  }
  if (!force) {
    const { hasSaxonCodeCache } = await import(pathToFileURL(saxonModule).href);
    if (hasSaxonCodeCache()) return 0;
  }
  return new Promise((done) => {
    execFile(process.execPath, ['--input-type=module', '-e', CODE_CACHE_SCRIPT, root], { cwd: root }, (error, stdout, stderr) => {
      if (error) {
        // Not fatal: without the cache SaxonJS compiles from source (slower start, same results).
        console.error(`compile-xslt: the code cache of SaxonJS was not written:\n${`${stderr}${stdout}`.trim().replace(/^/gm, '  ')}`);
      } else process.stdout.write(stdout);
      done(0);
    });
  });
}

async function main(argv) {
  const ifStale = argv.includes('--if-stale');
  const only = argv.filter((a) => !a.startsWith('--'));
  const files = (await readdir(xsltDir)).filter((f) => /^tei-to-.+\.xsl$/.test(f)).sort();
  const wanted = files.filter((f) => only.length === 0 || only.includes(f.replace(/^tei-to-|\.xsl$/g, '')));
  if (wanted.length === 0) {
    console.error(`compile-xslt: no stylesheet matches ${only.length ? only.join(', ') : 'xslt/tei-to-*.xsl'}`);
    return 1;
  }
  await mkdir(outDir, { recursive: true });

  // The newest of all modules: a change to a shared module (lookups.xsl, blocks.xsl …) makes every SEF stale.
  const modules = (await readdir(xsltDir)).filter((f) => f.endsWith('.xsl'));
  const newest = Math.max(...(await Promise.all(modules.map((f) => mtime(join(xsltDir, f))))).map((t) => t ?? 0));

  const todo = [];
  for (const file of wanted) {
    const sef = join(outDir, `${basename(file, '.xsl')}.sef.json`);
    if (ifStale) {
      const built = await mtime(sef);
      if (built !== undefined && built >= newest) continue;
    }
    todo.push({ xsl: join(xsltDir, file), sef });
  }
  if (todo.length === 0) return writeCodeCache(false);

  const xslt3 = xslt3Path();
  const started = performance.now();
  const results = await pool(
    todo.map(({ xsl, sef }) => () => compileOne(xslt3, xsl, sef)),
    Math.max(1, availableParallelism()),
  );
  const failed = results.filter((r) => !r.ok);
  for (const r of results) {
    if (r.ok) console.log(`compiled ${relative(root, r.xsl)} → ${relative(root, join(outDir, `${basename(r.xsl, '.xsl')}.sef.json`))}`);
  }
  for (const r of failed) {
    console.error(`\ncompile-xslt: ${relative(root, r.xsl)} does not compile:\n${r.output.replace(/^/gm, '  ')}`);
  }
  if (failed.length > 0) {
    console.error(`\ncompile-xslt: ${failed.length} of ${results.length} stylesheet(s) failed to compile`);
    return 1;
  }
  console.log(`compile-xslt: ${results.length} stylesheet(s) in ${Math.round(performance.now() - started)} ms`);
  return writeCodeCache(true);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`compile-xslt: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
