import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { registerWeb } from '../../src/web/plugin.js';

async function app() {
  const fastify = Fastify();
  await registerWeb(fastify);
  return fastify;
}

test('the home page renders the search form inside the GOV.UK layout', async () => {
  const fastify = await app();
  const res = await fastify.inject('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  assert.match(res.body, /<title>Find out if a connected product is secure – iotlabel<\/title>/);
  assert.match(res.body, /<form method="get" action="\/search" role="search"/);
  assert.match(res.body, /Skip to main content/);
  assert.doesNotMatch(res.body, /GOV\.UK - The best place/);
});

test('GOV.UK Frontend assets are served', async () => {
  const fastify = await app();
  const css = await fastify.inject('/assets/govuk-frontend.min.css');
  assert.equal(css.statusCode, 200);
  assert.match(css.headers['content-type'] as string, /text\/css/);
  const font = await fastify.inject('/assets/images/favicon.svg');
  assert.equal(font.statusCode, 200);
  const init = await fastify.inject('/assets/init.js');
  assert.equal(init.statusCode, 200);
});
