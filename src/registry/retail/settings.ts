// A retailer's market, chosen once (issue 14: "a retailer's shop is in a country, not in a rulebook"), and
// what its catalogue checks use by default: that market, each row judged by every law binding a sale there on
// the day checked (none in a market with no such law). Without a market, the default retail regime.
import { isIotlabelError } from '../../errors.js';
import { defaultRetailRegime, getMarket } from '../../regimes/index.js';
import { retailerSettings } from '../../store/index.js';
import type { Actor, KeyActor, UserActor } from '../actor.js';
import type { RegistryDeps } from '../deps.js';
import { Forbidden, InputInvalid } from '../errors.js';

function retailerOf(actor: Actor): KeyActor | UserActor {
  if (actor.kind === 'system' || actor.role !== 'retailer') throw new Forbidden('only a retailer chooses a market');
  return actor;
}

export interface RetailerDefaults {
  /** The market chosen, or null when none has been. */
  market: string | null;
  /** The rules a check uses when none is named: the market when one is chosen, else the default regime. */
  rules: { market: string } | { regime: string };
}

export function createRetailerSettings(deps: RegistryDeps) {
  const { store, clock } = deps;

  async function defaults(actor: Actor): Promise<RetailerDefaults> {
    const me = retailerOf(actor);
    const market = await retailerSettings.findRetailerMarket(store.db, me.organisationId);
    return { market, rules: market === null ? { regime: defaultRetailRegime() } : { market } };
  }

  async function chooseMarket(actor: Actor, market: string): Promise<RetailerDefaults> {
    const me = retailerOf(actor);
    let id: string;
    try {
      id = getMarket(market).id;
    } catch (error) {
      if (isIotlabelError(error) && error.code === 'MARKET_UNKNOWN')
        throw new InputInvalid([{ path: '/market', message: error.message }]);
      throw error;
    }
    await retailerSettings.saveRetailerMarket(store.db, me.organisationId, id, clock().toISOString());
    return defaults(actor);
  }

  return { defaults, chooseMarket };
}

export type RetailerSettings = ReturnType<typeof createRetailerSettings>;
