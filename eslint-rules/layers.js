// balcao/layers: every import must respect the layer table below. Code is
// layered by where it runs (VS Code's common/node/electron-main/browser idea):
// a file may import files of the layers it names, and only the kinds of
// package its runtime has. Relative imports are resolved, so `../../main/x`
// from the renderer is caught whatever its spelling.
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

const BUILTINS = new Set(builtinModules);

function layerOf(projectPath) {
  return LAYERS.find((layer) => projectPath === layer.dir || projectPath.startsWith(`${layer.dir}/`));
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function problem(layer, specifier, filename) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = relative(ROOT, resolve(dirname(filename), specifier))
      .split('\\')
      .join('/');
    const targetLayer = layerOf(target);
    if (!targetLayer || targetLayer.dir === layer.dir) return null;
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
        'Imports must respect the layers by runtime (src/shared, src/main/core, src/main, src/preload, src/renderer, src/dev).',
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
      const message = problem(layer, source.value, filename);
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
