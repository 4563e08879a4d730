import { IotlabelError } from '../errors.js';

/** A regime (or catalog) id that no rulebook has. The message names the known ids. */
export class RegimeUnknown extends IotlabelError {
  constructor(id: string, known: readonly string[], what: 'regime' | 'catalog' = 'regime') {
    super('REGIME_UNKNOWN', `unknown ${what} "${id}"; known ${what}s: ${known.join(', ')}`, { details: { known } });
  }
}

/** A market (territory code) that the markets data does not have. The message names the known ones. */
export class MarketUnknown extends IotlabelError {
  constructor(id: string, known: readonly string[]) {
    super('MARKET_UNKNOWN', `unknown market "${id}"; known markets: ${known.join(', ')}`, { details: { known } });
  }
}

/** A rulebook data file that does not have the shape the engine needs (a bug in the data, caught at start). */
export class RegimeDataInvalid extends IotlabelError {
  constructor(file: string, problems: readonly string[]) {
    super('REGIME_DATA_INVALID', `rulebook ${file} is not valid: ${problems.join('; ')}`, {
      problems: problems.map((message) => ({ message })),
    });
  }
}
