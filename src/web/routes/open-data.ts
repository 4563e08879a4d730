// Open data: every product with its current assessments, as CSV and as JSON, streamed page by page so a
// large registry never sits in memory.
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { csvWriter } from '../../catalogue/csv-writer.js';
import type { WebContext } from '../context.js';
import { renderPage } from '../render.js';
import { openDataRecords, openDataColumns, csvRow } from '../models/open-data.js';

const page = { schema: { hide: true } } as const;

export function openDataRoutes(web: FastifyInstance, ctx: WebContext): void {
  web.get('/open-data', page, (_request, reply) =>
    renderPage(ctx.env, reply, 'pages/open-data.njk', { regimes: ctx.services.engine.listRegimes() }),
  );

  web.get('/open-data/products.json', page, (_request, reply) => {
    async function* json() {
      yield '[';
      let first = true;
      for await (const record of openDataRecords(ctx.services)) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
        first = false;
      }
      yield '\n]\n';
    }
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="iotlabel-products.json"')
      .header('cache-control', 'public, max-age=300')
      .send(Readable.from(json()));
  });

  web.get('/open-data/products.csv', page, (_request, reply) => {
    const regimes = ctx.services.engine.listRegimes().map((r) => r.id);
    // Brands, models and names come from manufacturers: the writer neutralises any that read as a formula.
    const csv = csvWriter({ columns: openDataColumns(regimes) });
    void (async () => {
      try {
        for await (const record of openDataRecords(ctx.services)) {
          if (!csv.write(csvRow(record, regimes))) await new Promise((resolve) => csv.once('drain', resolve));
        }
        csv.end();
      } catch (error) {
        csv.destroy(error as Error);
      }
    })();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="iotlabel-products.csv"')
      .header('cache-control', 'public, max-age=300')
      .send(csv);
  });
}
