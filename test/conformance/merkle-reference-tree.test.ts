// The reference tree of transparency-dev/merkle testonly/constants.go and the hasher vectors of
// rfc6962/rfc6962_test.go (extracted into ../shared/conformance/merkle/reference-tree.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceDir } from './dir.js';
import { emptyRoot, hashChildren, hashLeaf } from '../../src/tlog/hash.js';
import { rootFromLeafHashes, treeRoot } from '../../src/tlog/tree-root.js';
import { rangeNodes } from '../../src/tlog/hash-reader.js';
import type { NodeId } from '../../src/tlog/hash-reader.js';

interface ReferenceTree {
  leafInputsHex: string[];
  rootHashesHex: Record<string, string>;
  nodeHashes: { nodeHashesHex: string[][] };
  compactTrees: { byTreeSize: Record<string, [number, number][]> };
  knownHashesHex: Record<string, string>;
}

const tree = JSON.parse(readFileSync(join(conformanceDir, 'merkle', 'reference-tree.json'), 'utf8')) as ReferenceTree;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const leafHashes = tree.leafInputsHex.map((input) => hashLeaf(Buffer.from(input, 'hex')));
const nodeReader = {
  readHashes: (nodes: readonly NodeId[]) =>
    nodes.map(({ level, index }) => Buffer.from(tree.nodeHashes.nodeHashesHex[level]![index]!, 'hex')),
};

test('known-answer hashes, each with a shell recipe that reproduces it', () => {
  // printf '' | sha256sum
  assert.equal(hex(emptyRoot()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hex(emptyRoot()), tree.knownHashesHex['RFC6962 Empty']);
  // printf '\x00' | sha256sum
  assert.equal(hex(hashLeaf(new Uint8Array(0))), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  assert.equal(hex(hashLeaf(new Uint8Array(0))), tree.knownHashesHex['RFC6962 Empty Leaf']);
  // printf '\x00L123456' | sha256sum
  assert.equal(
    hex(hashLeaf(Buffer.from('L123456'))),
    '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
  );
  assert.equal(hex(hashLeaf(Buffer.from('L123456'))), tree.knownHashesHex['RFC6962 Leaf']);
  // printf '\x01N123N456' | sha256sum
  assert.equal(
    hex(hashChildren(Buffer.from('N123'), Buffer.from('N456'))),
    'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
  );
  assert.equal(hex(hashChildren(Buffer.from('N123'), Buffer.from('N456'))), tree.knownHashesHex['RFC6962 Node']);
});

test('roots of the reference tree for sizes 0..8, from leaves and from stored nodes', async () => {
  for (let size = 0; size <= 8; size++) {
    const want = tree.rootHashesHex[String(size)];
    assert.equal(hex(rootFromLeafHashes(leafHashes.slice(0, size))), want, `size ${size} from leaves`);
    assert.equal(hex(await treeRoot(nodeReader, size)), want, `size ${size} from nodes`);
  }
});

test('every node hash of the reference tree', () => {
  const levels = tree.nodeHashes.nodeHashesHex;
  levels.forEach((hashes, level) => {
    hashes.forEach((want, index) => {
      const leaves = leafHashes.slice(index * 2 ** level, (index + 1) * 2 ** level);
      assert.equal(hex(rootFromLeafHashes(leaves)), want, `node (${level}, ${index})`);
    });
  });
});

test('compact ranges are the perfect subtrees we read for a root', () => {
  for (const [size, nodes] of Object.entries(tree.compactTrees.byTreeSize)) {
    assert.deepEqual(
      rangeNodes(0, Number(size)).map(({ level, index }) => [level, index]),
      nodes,
      `size ${size}`,
    );
  }
});
