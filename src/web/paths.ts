// Where the page templates and static files live. Resolved from the package root so the same paths
// work when running from src/ (tests, tsx) and from dist/ (npm start): both sit two levels below it.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export const webPaths = {
  views: join(packageRoot, 'src', 'web', 'views'),
  publicDir: join(packageRoot, 'src', 'web', 'public'),
  govukDist: join(packageRoot, 'node_modules', 'govuk-frontend', 'dist'),
  govukAssets: join(packageRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets'),
  govukCss: join(packageRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.css'),
  govukJs: join(packageRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'),
  /** Compiled browser code (e.g. the label verifier) from `npm run build`. */
  distDir: join(packageRoot, 'dist'),
} as const;
