// Declaration bytes whose meaning is not fixed are refused: invalid UTF-8 (RFC 3629) and duplicate object
// keys (RFC 8259 section 4: "the behavior of software that receives such an object is unpredictable").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDeclarationJson } from '../../src/assessment/index.js';
import { invalidUtf8Offset, duplicateKeyPath } from '../../src/assessment/declaration-text.js';
import { main } from '../../src/cli/main.js';
import { bufferIo } from '../../src/cli/io.js';

const good = readFileSync(new URL('../../examples/declarations/good-camera.json', import.meta.url));

test('RFC 3629: the first ill-formed UTF-8 byte is found by offset; well-formed text passes', () => {
  assert.equal(invalidUtf8Offset(new TextEncoder().encode('Müller 東京 😀')), -1);
  assert.equal(invalidUtf8Offset(Uint8Array.from([0x41, 0xff])), 1);
  assert.equal(invalidUtf8Offset(Uint8Array.from([0x41, 0x42, 0xc3])), 2); // truncated
  assert.equal(invalidUtf8Offset(Uint8Array.from([0xc0, 0xaf])), 0); // overlong
  assert.equal(invalidUtf8Offset(Uint8Array.from([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.equal(invalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
});

test('RFC 8259 4: a repeated key is refused naming its JSON pointer', () => {
  assert.equal(duplicateKeyPath('{"a":1,"b":[{"c":1,"d":"x\\"}"}]}'), null);
  assert.equal(duplicateKeyPath('{"a":{"b":1,"b":2}}'), '/a/b');
  assert.equal(duplicateKeyPath('{"a":[1,{"x/y":1,"x\\/y":2}]}'), '/a/1/x~1y');
  const text = good.toString('utf8').replace('"model": "CAM-200",', '"model": "CAM-200", "model": "CAM-999",');
  const r = decodeDeclarationJson(new TextEncoder().encode(text));
  assert.ok('problem' in r);
  assert.equal(r.problem.path, '/product/model');
});

test('iotlabel assess refuses a non-UTF-8 or duplicate-key declaration with exit 2 naming the offset or path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-text-'));
  const latin1 = join(dir, 'latin1.json');
  const bytes = Buffer.from(good.toString('utf8').replace('Jane Smith', 'Jane Sm\u00efth'), 'latin1');
  writeFileSync(latin1, bytes);
  const dup = join(dir, 'dup.json');
  writeFileSync(dup, good.toString('utf8').replace('"batch": "2026-W40",', '"batch": "2026-W40", "batch": "X",'));
  const io = bufferIo();
  assert.equal(await main(['assess', latin1, dup], io), 2);
  const lines = io.stderr().trim().split('\n');
  assert.ok(lines.includes(`${latin1}: is not valid UTF-8 (byte offset ${bytes.indexOf(0xef)})`), io.stderr());
  assert.ok(
    lines.some((l) => l.startsWith(`${dup}: /product/batch: this key appears more than once`)),
    io.stderr(),
  );
  assert.ok('value' in decodeDeclarationJson(good), 'the good example still decodes');
});
