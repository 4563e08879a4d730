// Starts GOV.UK Frontend's components. Loaded as a module, so it only runs in browsers that support it.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
