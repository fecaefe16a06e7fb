// balcao/layers: every import must respect the layer table below. Code is
// layered by where it runs (VS Code's common/node/electron-main/browser idea):
// a file may import files of the layers it names, and only the kinds of
// package its runtime has. Inside the core, its modules are layered too (the
// second table, as VS Code's import patterns restrict folders within a layer).
// Relative imports are resolved, so `../../main/x` from the renderer is caught
// whatever its spelling.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Longest prefix first: src/main/core before src/main. */
export const LAYERS = [
  {
    dir: 'src/main/core',
    may: ['src/shared', 'src/main/core'],
    node: true,
    deniedPackages: ['electron'],
    why: 'src/main/core runs in plain Node (tests, CLI, worker threads): it must not import electron or the shell',
  },
  {
    dir: 'src/main',
    may: ['src/shared', 'src/main/core', 'src/main'],
    node: true,
    deniedPackages: [],
    why: 'the Electron shell builds on core and shared only',
  },
  {
    dir: 'src/preload',
    may: ['src/shared', 'src/preload'],
    node: false,
    deniedPackages: ['better-sqlite3', '@github/keytar'],
    allowedPackages: ['electron'],
    why: 'the sandboxed preload can use electron and shared code only',
  },
  {
    dir: 'src/renderer',
    may: ['src/shared', 'src/renderer'],
    node: false,
    deniedPackages: ['electron', 'better-sqlite3', '@github/keytar'],
    why: 'the renderer is DOM only and reaches the rest through the IPC contract',
  },
  {
    dir: 'src/shared',
    may: ['src/shared'],
    node: false,
    deniedPackages: ['electron', 'better-sqlite3', '@github/keytar'],
    why: 'src/shared is pure TypeScript used by every layer',
  },
  {
    dir: 'src/dev',
    may: ['src/shared', 'src/main/core', 'src/dev'],
    node: true,
    deniedPackages: ['electron'],
    why: 'dev tools (bridge, preview) run in plain Node over the core',
  },
];

const CORE = 'src/main/core';

/**
 * The core's modules (its first-level folders) and what of the rest of the core
 * each may import: `only` names every module it may reach (its own folder is
 * always allowed), `never` the modules it must not reach. A module absent here,
 * and the files at the core's root (composition, connectivity), may import any
 * module. Imports outside the core follow the layer table above.
 */
export const CORE_MODULES = [
  {
    module: 'base',
    only: [],
    why: 'base (AppError) is the bottom of the core that every module builds on, so it builds on none of them',
  },
  {
    module: 'api',
    only: ['base'],
    why: 'the store API client is a library over HTTP: it knows nothing of the cache, the services or the shells',
  },
  {
    module: 'normalize',
    only: ['base'],
    why: 'the normaliser is a pure function from API JSON to shared domain types',
  },
  {
    module: 'log',
    only: ['base'],
    why: 'every module logs, so the logger and its redactor may depend on none of them',
  },
  {
    module: 'secrets',
    only: ['base'],
    why: 'the keychain wrapper is a leaf the stores service uses, not a part of it',
  },
  {
    module: 'db',
    never: ['sync', 'stores', 'orders', 'ipc', 'cli', 'fake-store'],
    why: 'the cache sits below the services and shells that use it: it is called by sync, stores and orders, never the other way',
  },
  {
    module: 'fake-store',
    only: [],
    why: 'the fake store stands in for the Yampi API and runs alone (npm run fake-store): it may use src/shared, nothing of the app',
  },
];

const BUILTINS = new Set(builtinModules);

/** The core module a project path is in (`db` for src/main/core/db/x), or null outside the core. */
function coreModuleOf(projectPath) {
  if (!projectPath.startsWith(`${CORE}/`)) return null;
  return projectPath.slice(CORE.length + 1).split('/')[0];
}

function coreProblem(source, target, specifier) {
  const from = coreModuleOf(source);
  const to = coreModuleOf(target);
  if (from === null || to === null || from === to) return null;
  const rule = CORE_MODULES.find((entry) => entry.module === from);
  if (!rule) return null;
  const allowed = rule.only ? rule.only.includes(to) : !rule.never.includes(to);
  return allowed ? null : `${CORE}/${from} may not import ${CORE}/${to} (${specifier}): ${rule.why}.`;
}

function layerOf(projectPath) {
  return LAYERS.find((layer) => projectPath === layer.dir || projectPath.startsWith(`${layer.dir}/`));
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function problem(layer, specifier, filename, projectPath) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(ROOT, resolve(dirname(filename), specifier))
      .split('\\')
      .join('/');
    const targetLayer = layerOf(target);
    if (!targetLayer) return null;
    if (targetLayer.dir === layer.dir) return coreProblem(projectPath, target, specifier);
    if (layer.may.includes(targetLayer.dir)) return null;
    return `${layer.dir} may not import ${targetLayer.dir} (${specifier}): ${layer.why}.`;
  }
  const isBuiltin = specifier.startsWith('node:') || BUILTINS.has(packageName(specifier));
  if (isBuiltin && !layer.node) return `${layer.dir} may not import the Node built-in '${specifier}': ${layer.why}.`;
  const name = packageName(specifier);
  if (layer.deniedPackages.includes(name)) return `${layer.dir} may not import '${name}': ${layer.why}.`;
  if (name === 'electron' && !(layer.allowedPackages ?? []).includes('electron') && layer.dir !== 'src/main') {
    return `${layer.dir} may not import 'electron': ${layer.why}.`;
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Imports must respect the layers by runtime (src/shared, src/main/core, src/main, src/preload, src/renderer, src/dev) and the modules inside the core.',
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const projectPath = relative(ROOT, filename).split('\\').join('/');
    const layer = layerOf(projectPath);
    if (!layer) return {};

    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      const message = problem(layer, source.value, filename, projectPath);
      if (message) context.report({ node: source, message });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check(node, node.arguments[0]);
        }
      },
    };
  },
};
