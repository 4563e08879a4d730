// A product in its markets (issue 14): GET /v1/products/{id}/markets, the market report for the product's
// newest submitted declaration. The answer for one market is GET /v1/sellable?market=... (sellable.ts).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../registry/index.js';
import { idParam, ref, responses } from '../schemas.js';

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2027-12-11'] };
const strings = { type: 'array', items: { type: 'string' } };
const outcome = { type: 'string', enum: ['pass', 'fail', 'out-of-scope'] };
const gap = {
  type: 'object',
  description: 'A requirement not met, with the regime and requirement id behind it',
  properties: {
    regime: { type: 'string' },
    requirement: { type: 'string' },
    title: { type: 'string' },
    reasons: strings,
  },
  required: ['regime', 'requirement', 'title', 'reasons'],
};
const mark = {
  anyOf: [
    {
      type: 'object',
      properties: {
        form: { type: 'string' },
        verifier: { type: 'string' },
        validity: { type: 'string' },
        validityYears: { type: 'integer' },
        gives: { type: 'string' },
        level: { type: 'integer' },
      },
    },
    { type: 'null' },
  ],
};

export const MARKET_SCHEMAS = [
  {
    $id: 'MarketSellable',
    type: 'object',
    description: 'May the product be sold in a market on a day: sellable iff every law binding a sale there allows it',
    properties: {
      product: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          brand: { type: 'string' },
          model: { type: 'string' },
          name: { type: 'string' },
          manufacturer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          gtins: strings,
        },
      },
      market: { type: 'string', examples: ['AU'] },
      at: date,
      sellable: { type: 'boolean' },
      outcome: { type: 'string' },
      reason: { type: 'string' },
      reasons: strings,
      supportEndDate: { anyOf: [date, { type: 'null' }] },
      declaration: {
        anyOf: [
          {
            type: 'object',
            properties: { id: { type: 'string' }, version: { type: 'integer' }, sha256: { type: 'string' } },
          },
          { type: 'null' },
        ],
      },
      laws: {
        type: 'array',
        description: 'Each law binding a sale in the market on the day, with its own answer (empty: none binds)',
        items: {
          type: 'object',
          properties: {
            regime: { type: 'string' },
            from: date,
            by: { type: 'string', description: 'The market whose law it is (EU for DE and FI)' },
            sellable: { type: 'boolean' },
            outcome: { type: 'string' },
            reason: { type: 'string' },
          },
        },
      },
    },
    required: ['product', 'market', 'at', 'sellable', 'outcome', 'reason', 'reasons', 'laws'],
  },
  {
    $id: 'MarketReport',
    type: 'object',
    description: 'The market report for a declaration (docs/markets.md)',
    properties: {
      product: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          brand: { type: 'string' },
          model: { type: 'string' },
          name: { type: 'string' },
        },
      },
      declaration: {
        type: 'object',
        properties: { id: { type: 'string' }, version: { type: 'integer' }, sha256: { type: 'string' } },
      },
      at: date,
      horizon: {
        ...date,
        description: 'The last coming day a law starts to bind: divergences and plan are judged then',
      },
      markets: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            market: { type: 'string' },
            name: { type: 'string' },
            at: date,
            sellable: { type: 'boolean' },
            summary: { type: 'string' },
            reference: {
              anyOf: [{ type: 'string' }, { type: 'null' }],
              description: 'Where the facts behind the answer are written (sections of territories.md)',
            },
            window: { type: 'string', description: 'May it be sold, and from or until which coming rule date' },
            laws: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  regime: { type: 'string' },
                  title: { type: 'string' },
                  from: date,
                  by: { type: 'string' },
                  outcome,
                  sellable: { type: 'boolean' },
                  gaps: { type: 'array', items: gap },
                },
              },
            },
            labels: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  regime: { type: 'string' },
                  title: { type: 'string' },
                  outcome,
                  level: { type: 'integer' },
                  mark,
                  gaps: { type: 'array', items: gap },
                  recognitions: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: { type: 'string' },
                        from: { type: 'string' },
                        to: { type: 'string' },
                        text: { type: 'string' },
                        requirements: strings,
                        level: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
                      },
                    },
                  },
                },
              },
            },
            changes: {
              type: 'array',
              items: {
                type: 'object',
                properties: { date, sellable: { type: 'boolean' }, summary: { type: 'string' } },
              },
            },
            obligations: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  regime: { type: 'string' },
                  id: { type: 'string' },
                  title: { type: 'string' },
                  text: { type: 'string' },
                },
              },
            },
          },
        },
      },
      divergences: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            topic: { type: 'string', enum: ['passwords', 'disclosure', 'support-period', 'who-verifies'] },
            met: strings,
            notMet: strings,
            requirements: strings,
            statement: { type: 'string' },
          },
        },
      },
      plan: {
        type: 'array',
        items: {
          type: 'object',
          properties: { change: { type: 'string' }, unlocks: strings, requirements: strings, actions: strings },
        },
      },
      upcoming: {
        type: 'array',
        description: 'Every coming date that changes an answer in a named market, in date order (docs/markets.md)',
        items: {
          type: 'object',
          properties: {
            date,
            kind: { type: 'string', enum: ['rule-change', 'obligation-starts', 'support-ends', 'label-expires'] },
            market: { type: 'string' },
            regimes: strings,
            sellableBefore: { type: 'boolean' },
            sellableFrom: { type: 'boolean' },
            change: { type: 'string' },
            requirements: strings,
          },
          required: ['date', 'kind', 'market', 'regimes', 'sellableBefore', 'sellableFrom', 'change', 'requirements'],
        },
      },
    },
    required: ['product', 'declaration', 'at', 'horizon', 'markets', 'divergences', 'plan', 'upcoming'],
  },
];

export function marketRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { productId: string }; Querystring: { market?: string; at?: string } }>(
    '/v1/products/:productId/markets',
    {
      config: { access: 'public' },
      schema: {
        tags: ['products'],
        summary: 'Where may this product be sold, which labels may it carry, where do the rules differ',
        description:
          'The market report for the newest submitted declaration: per market the sale window, laws, labels, obligations and gaps with requirement ids; divergences; the compliance plan.',
        params: idParam('productId'),
        querystring: {
          type: 'object',
          properties: {
            market: {
              type: 'string',
              pattern: '^[A-Za-z]{2,3}(,[A-Za-z]{2,3})*$',
              description: 'Comma-separated market codes (default: every market)',
              examples: ['UK,EU,AU'],
            },
            at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' },
          },
          additionalProperties: false,
        },
        response: responses({ 200: ref('MarketReport') }, [404]),
      },
    },
    async (request) =>
      services.markets.productMarkets(request.params.productId, {
        market: request.query.market?.split(','),
        at: request.query.at,
      }),
  );
}
