// Compiles TypeScript to dist/ with swc (type-checking is `npm run typecheck`), keeping the source
// layout: libs/identify/src/index.ts -> dist/libs/identify/src/index.js. Path aliases
// (@balanse/*) are rewritten to relative imports, so `node dist/apps/<app>/main.js` runs without
// a loader.
//
//   node tools/build.mjs                  apps/, libs/ and tools/ (npm run build)
//   node tools/build.mjs libs/identify    one project's part of dist/ (its Nx `build` target)
import { transformFile } from '@swc/core';
import { createRequire } from 'node:module';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = require('./swc-options.cjs')({ paths: true });
const skip = /(\.spec|\.test|\.e2e)\.ts$|\.d\.ts$/;

/** Folders named `assets` (fonts, ICC profiles: files a module reads beside itself at run time). */
async function* assetDirs(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.name === 'assets') yield path;
    else yield* assetDirs(path);
  }
}

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !skip.test(entry.name)) yield path;
  }
}

const started = Date.now();
const projects = process.argv.slice(2).map((p) => relative(root, resolve(p)));
const outDirs = projects.length ? projects : ['.'];
await Promise.all(outDirs.map((p) => rm(join(root, 'dist', p), { recursive: true, force: true })));
let count = 0;
const jobs = [];
for (const top of projects.length ? projects : ['apps', 'libs', 'tools']) {
  for await (const file of sources(join(root, top))) {
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    jobs.push(
      transformFile(file, { ...options, filename: file, outputPath: out }).then(async (result) => {
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, result.code + `\n//# sourceMappingURL=${basename(out)}.map\n`);
        if (result.map) await writeFile(out + '.map', result.map);
        count++;
      }),
    );
  }
}
// Assets are copied as they are, to the same place beside the compiled modules.
for (const top of projects.length ? projects : ['apps', 'libs']) {
  for await (const dir of assetDirs(join(root, top))) {
    jobs.push(cp(dir, join(root, 'dist', relative(root, dir)), { recursive: true }));
  }
}
await Promise.all(jobs);
// `node dist/apps/<app>/main.js` is the documented entry point; the compiled code keeps the source layout.
const apps = projects.length
  ? projects.filter((p) => dirname(p) === 'apps').map((p) => basename(p))
  : await readdir(join(root, 'apps'));
for (const app of apps) {
  await writeFile(join(root, 'dist/apps', app, 'main.js'), "require('./src/main.js');\n");
}
console.log(
  `built ${count} files into dist/${projects.length === 1 ? projects[0] : ''} in ${Date.now() - started} ms`,
);
