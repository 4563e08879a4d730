// Reads the static import graph of a source tree with the TypeScript parser (no type checking), and checks it
// against the layering rules of DESIGN.md. Used by test/architecture.test.ts on src/ and on a fixture tree.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import: `from` and (for relative specifiers) `to` are paths relative to the tree's root, with `/`. */
export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file names: import/export ... from, import x = require(), import() calls and types. */
function specifiers(fileName: string, text: string): { specifier: string; line: number }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      found.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier names the .ts file behind its .js (NodeNext style) or the file itself (e.g. JSON). */
function resolve(root: string, fromFile: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const target = join(dirname(join(root, fromFile)), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, join(target, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? target;
  return relative(root, hit).split(sep).join('/');
}

/** The import edges of every .ts file under `root/src`. */
export function readImports(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    const from = relative(root, file).split(sep).join('/');
    for (const { specifier, line } of specifiers(file, readFileSync(file, 'utf8'))) {
      edges.push({ from, to: resolve(root, from, specifier), specifier, line });
    }
  }
  return edges;
}

export const PURE_MODULES = [
  'src/regimes',
  'src/assessment',
  'src/evidence',
  'src/labels',
  'src/tlog',
  'src/gs1',
  'src/catalogue',
] as const;
const IMPURE_FOR_PURE = ['src/store', 'src/registry', 'src/http', 'src/web', 'src/cli', 'src/server'];
const IO_BUILTINS = ['fs', 'net'];
const ADAPTERS = ['src/http', 'src/web', 'src/cli'];
const MAY_IMPORT_ADAPTERS = ['src/server', 'src/cli'];

const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const builtin = (specifier: string) => specifier.replace(/^node:/, '').split('/')[0];

/** `a -> b`, the name an edge has in violations and in allow-lists. */
export const edgeName = (e: { from: string; to: string }) => `${e.from} -> ${e.to}`;

/** Imports that break the layering rule, each as `from -> to (rule)`. */
export function forbiddenImports(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (PURE_MODULES.some((m) => inside(e.from, m))) {
      if (IMPURE_FOR_PURE.some((m) => inside(e.to, m))) out.push(`${edgeName(e)} (pure module imports ${e.to})`);
      if (!e.specifier.startsWith('.') && IO_BUILTINS.includes(builtin(e.specifier) ?? '')) {
        out.push(`${edgeName(e)} (pure module does I/O)`);
      }
    }
    const adapter = ADAPTERS.find((m) => inside(e.to, m));
    if (adapter && !inside(e.from, adapter) && !MAY_IMPORT_ADAPTERS.some((m) => inside(e.from, m))) {
      out.push(`${edgeName(e)} (only the composition root and the CLI import ${adapter})`);
    }
  }
  return out;
}

/**
 * Import cycles among the tree's own files, one per strongly connected component, each written as a path that
 * returns to its start (`a -> b -> a`). Type-only imports count: they still tie the modules' layers together.
 */
export function importCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!e.to.startsWith('src/') || !e.to.endsWith('.ts')) continue;
    const list = next.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    next.set(e.from, list.sort());
  }
  // Tarjan's strongly connected components, iterative enough for a source tree of a few hundred files.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);

  // Within each component, the shortest path from its first file back to itself.
  return components
    .map((component) => {
      const members = new Set(component);
      const start = component[0]!;
      const previous = new Map<string, string>();
      const queue = [start];
      while (queue.length > 0) {
        const v = queue.shift()!;
        for (const w of next.get(v) ?? []) {
          if (!members.has(w)) continue;
          if (w === start) {
            const path = [start];
            for (let at = v; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
            return [...path, start].join(' -> ');
          }
          if (!previous.has(w)) {
            previous.set(w, v);
            queue.push(w);
          }
        }
      }
      return component.join(' -> ');
    })
    .sort();
}
