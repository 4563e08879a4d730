// Starts a throw-away PostgreSQL server for the test run: finds the machine's binaries
// (/usr/lib/postgresql/<version>/bin or PATH), runs initdb into a temporary directory, starts the server on
// a free 127.0.0.1 port with its socket in that directory, and removes it all on stop. As root it runs
// the server as the unprivileged `postgres` user (PostgreSQL refuses to run as root).
// Missing binaries are an error, never a reason to skip: CI installs them.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  stop(): void;
}

export function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0]!, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..');
  throw new Error(
    'PostgreSQL binaries not found (looked in /usr/lib/postgresql/*/bin and PATH). The store and registry tests ' +
      'run against a real PostgreSQL: install it (Debian/Ubuntu: apt-get install postgresql).',
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function asServerUser(): { prefix: string[]; uid?: number; gid?: number } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { prefix: [] };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  let uid: number;
  let gid: number;
  try {
    uid = id('-u');
    gid = id('-g');
  } catch {
    throw new Error('running as root but there is no `postgres` system user to run the PostgreSQL server as');
  }
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const user = asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'iotlabel-pg-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[]) => {
    const [exe, ...rest] = [...user.prefix, join(bin, cmd), ...args];
    const result = spawnSync(exe!, rest, { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`${cmd} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  const port = await freePort();
  // Durability settings off: this cluster is thrown away after the run and only speed matters.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
