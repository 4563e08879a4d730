// The configuration is read once from the environment into one typed value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG_VARIABLES, readConfig } from '../../src/server/config.js';

test('every variable lands in its field; unset ones are absent and the listening defaults apply', () => {
  const env = Object.fromEntries(Object.values(CONFIG_VARIABLES).map((name) => [name, `value of ${name}`]));
  env.LOG_LEVEL = 'warn';
  const config = readConfig(env);
  for (const [field, name] of Object.entries(CONFIG_VARIABLES))
    if (field !== 'logLevel') assert.equal(config[field as keyof typeof config], `value of ${name}`, name);
  assert.equal(config.logLevel, 'warn');
  assert.deepEqual(readConfig({}), { logLevel: 'info', port: '8080', host: '127.0.0.1' });
});

test('a variable set to the empty string counts as unset (DATABASE_URL= selects SQLite)', () => {
  const config = readConfig({ DATABASE_URL: '', IOTLABEL_LOG_KEY: '', PORT: '', IOTLABEL_API_KEY: '' });
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.logKey, undefined);
  assert.equal(config.apiKey, undefined);
  assert.equal(config.port, '8080');
});

test('a log level pino does not know is refused, naming the variable', () => {
  assert.throws(
    () => readConfig({ LOG_LEVEL: 'verbose' }),
    (error: Error & { code?: string }) => error.code === 'USAGE' && /LOG_LEVEL "verbose"/.test(error.message),
  );
});
