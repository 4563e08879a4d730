// `iotlabel evidence withdraw --server URL --declaration ID --reason TEXT EVIDENCE_ID` withdraws one (the registry
// keeps it in the history).
// `iotlabel evidence upload --server URL --declaration ID [--kind K] [--fetch] [FILE]`: attaches evidence to one
// of the caller's declarations in a registry. FILE is the output of `iotlabel passwords --json` (kind
// passwords, recognised by its schemaVersion) or a security.txt (kind security-txt); with --fetch and no
// FILE the registry fetches the declaration's own securityTxtUrl. The API key comes from IOTLABEL_API_KEY or
// --key-file, never from the command line. Exit 0 stored, 1 the registry or network failed, 2 bad input
// (one line per problem the registry names).
import type { Command } from 'commander';
import { ERROR_CATALOGUE, IotlabelError, type ErrorCode } from '../../errors.js';
import type { CommandContext, ExitCode, RegisterCommand } from '../command.js';
import { readInputFile } from '../read-input.js';
import type { Config } from '../../server/config.js';
import { notASecurityTxt } from '../../evidence/securitytxt/plausible.js';

const MAX_FILE_BYTES = 512 * 1024;
const MAX_KEY_FILE_BYTES = 64 * 1024;

interface Options {
  server: string;
  declaration: string;
  kind?: string;
  fetch?: boolean;
  keyFile?: string;
  json?: boolean;
}

export const registerEvidence: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const evidence = program
    .command('evidence')
    .description('attach evidence (password analysis, security.txt) to a declaration in a registry');
  evidence
    .command('upload')
    .description('upload a password-analysis result or a security.txt for a declaration; the registry re-assesses it')
    .argument('[file]', 'iotlabel.password-evidence/v1 JSON (from `iotlabel passwords --json`) or a security.txt')
    .requiredOption('--server <url>', 'the registry, e.g. https://registry.example')
    .requiredOption('--declaration <id>', 'the declaration (version or draft) the evidence is for')
    .option('--kind <kind>', 'passwords | security-txt (default: from the file)')
    .option(
      '--fetch',
      "let the registry fetch the declaration's vulnerabilityDisclosure.securityTxtUrl instead of uploading a file",
    )
    .option('--key-file <file>', 'read the API key from this file (default: the IOTLABEL_API_KEY environment variable)')
    .option('--json', 'print the registry answer as JSON')
    .action(async (file: string | undefined, options: Options) => ctx.setExit(await upload(file, options, ctx)));
  evidence
    .command('withdraw')
    .description(
      'withdraw the current evidence of a declaration (a new, audited row; the old one stays in the history)',
    )
    .argument('<evidence-id>', 'the evidence to withdraw (evd_...)')
    .requiredOption('--server <url>', 'the registry, e.g. https://registry.example')
    .requiredOption('--declaration <id>', 'the declaration the evidence is attached to')
    .requiredOption('--reason <text>', 'why it is withdrawn (kept with the withdrawal)')
    .option('--key-file <file>', 'read the API key from this file (default: the IOTLABEL_API_KEY environment variable)')
    .option('--json', 'print the registry answer as JSON')
    .action(async (evidenceId: string, options: Options & { reason: string }) =>
      ctx.setExit(await withdraw(evidenceId, options, ctx)),
    );
};

async function apiKey(options: Options, config: Config): Promise<string> {
  const key =
    options.keyFile === undefined
      ? config.apiKey
      : (await readInputFile(options.keyFile, { maxBytes: MAX_KEY_FILE_BYTES, what: '--key-file' })).trim();
  if (!key) throw new IotlabelError('USAGE', 'no API key: set IOTLABEL_API_KEY or give --key-file');
  return key;
}

async function body(
  file: string | undefined,
  options: Options,
): Promise<{ kind: string; payload: Record<string, unknown> }> {
  if (options.kind !== undefined && !['passwords', 'security-txt'].includes(options.kind))
    throw new IotlabelError('USAGE', '--kind: expected passwords or security-txt');
  if (options.fetch) {
    if (file !== undefined)
      throw new IotlabelError('USAGE', '--fetch takes no FILE: the registry fetches the security.txt itself');
    if (options.kind === 'passwords') throw new IotlabelError('USAGE', '--fetch is for kind security-txt');
    return { kind: 'security-txt', payload: { kind: 'security-txt', fetch: true } };
  }
  if (file === undefined) throw new IotlabelError('USAGE', 'give a FILE to upload, or --fetch');
  const text = await readInputFile(file, { maxBytes: MAX_FILE_BYTES, what: 'the evidence file' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const looksLikePasswords =
    typeof json === 'object' &&
    json !== null &&
    (json as { schemaVersion?: unknown }).schemaVersion === 'iotlabel.password-evidence/v1';
  if (options.kind === undefined && json !== undefined && !looksLikePasswords)
    throw new IotlabelError(
      'EVIDENCE_INVALID',
      `${file}: is JSON but not a password analysis (schemaVersion iotlabel.password-evidence/v1, the output of ` +
        '`iotlabel passwords --json`), and not a security.txt',
    );
  const kind = options.kind ?? (looksLikePasswords ? 'passwords' : 'security-txt');
  if (kind === 'passwords') {
    if (json === undefined)
      throw new IotlabelError(
        'INPUT_UNREADABLE',
        `${file}: not JSON; a password analysis is the output of \`iotlabel passwords --json\``,
      );
    return { kind, payload: { kind, document: json } };
  }
  const wrongKind = notASecurityTxt(text);
  if (wrongKind !== undefined) throw new IotlabelError('EVIDENCE_INVALID', `${file}: ${wrongKind}`);
  return { kind, payload: { kind, text } };
}

type Answer = { ok: true; answer: Record<string, unknown> } | { ok: false; exit: ExitCode };

/** POSTs `payload` to `path` under --server with the caller's key; prints the registry's problems when refused. */
async function post(path: string, payload: unknown, options: Options, ctx: CommandContext): Promise<Answer> {
  const key = await apiKey(options, ctx.config);
  let base: URL;
  try {
    base = new URL(options.server);
  } catch {
    throw new IotlabelError('USAGE', `--server: not a URL: ${options.server}`);
  }
  const url = new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new IotlabelError('NETWORK_FAILED', `${url.origin}: ${(error as Error).message}`);
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, answer };
  const problems = Array.isArray(answer.errors) ? (answer.errors as { pointer: string; detail: string }[]) : [];
  if (problems.length > 0) for (const p of problems) ctx.io.err(`iotlabel: ${p.pointer}: ${p.detail}\n`);
  else ctx.io.err(`iotlabel: ${String(answer.detail ?? `${response.status} ${response.statusText}`)}\n`);
  const code = answer.code as ErrorCode | undefined;
  return {
    ok: false,
    exit: code !== undefined && code in ERROR_CATALOGUE ? ERROR_CATALOGUE[code].exit : response.status < 500 ? 2 : 1,
  };
}

const declarationPath = (id: string) => `v1/declarations/${encodeURIComponent(id)}/evidence`;

function printAssessments(
  ctx: CommandContext,
  declaration: {
    id: string;
    version: number | null;
    assessments: { regime: string; outcome: string; sellable: boolean }[];
  },
): void {
  ctx.io.out(
    `declaration ${declaration.id}${declaration.version === null ? ' (draft)' : ` version ${declaration.version}`} re-assessed:\n`,
  );
  for (const a of declaration.assessments)
    ctx.io.out(`  ${a.regime.padEnd(24)} ${a.outcome.padEnd(13)} ${a.sellable ? 'sellable' : 'not sellable'}\n`);
}

async function withdraw(
  evidenceId: string,
  options: Options & { reason: string },
  ctx: CommandContext,
): Promise<ExitCode> {
  if (options.reason.trim() === '') throw new IotlabelError('USAGE', '--reason: say why the evidence is withdrawn');
  const path = `${declarationPath(options.declaration)}/${encodeURIComponent(evidenceId)}/withdraw`;
  const result = await post(path, { reason: options.reason }, options, ctx);
  if (!result.ok) return result.exit;
  const { answer } = result;
  if (options.json) {
    ctx.io.out(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  }
  const evidence = answer.evidence as { id: string; kind: string };
  ctx.io.out(`withdrew ${evidence.kind} evidence ${evidenceId} (withdrawal ${evidence.id})\n`);
  printAssessments(ctx, answer.declaration as Parameters<typeof printAssessments>[1]);
  return 0;
}

async function upload(file: string | undefined, options: Options, ctx: CommandContext): Promise<ExitCode> {
  const { payload } = await body(file, options);
  const result = await post(declarationPath(options.declaration), payload, options, ctx);
  if (!result.ok) return result.exit;
  const { answer } = result;
  if (options.json) {
    ctx.io.out(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  }
  const evidence = answer.evidence as { id: string; kind: string; sha256: string; sourceUrl: string | null };
  const declaration = answer.declaration as {
    id: string;
    version: number | null;
    assessments: { regime: string; outcome: string; sellable: boolean }[];
  };
  ctx.io.out(
    `stored ${evidence.kind} evidence ${evidence.id} (sha256 ${evidence.sha256})${evidence.sourceUrl ? ` fetched from ${evidence.sourceUrl}` : ''}\n`,
  );
  printAssessments(ctx, declaration);
  return 0;
}
