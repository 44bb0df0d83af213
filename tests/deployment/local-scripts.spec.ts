import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// deploy/local/lib.sh's startup check, run in bash as the scripts run it.
const LIB = join(__dirname, '..', '..', 'deploy', 'local', 'lib.sh');

function bash(script: string, dir: string): string {
  return execFileSync('bash', ['-c', `set -u; FLW_COMPONENT=test; source "${LIB}"; PIDFILE="${dir}/server.pid"; ${script}`], {
    encoding: 'utf8',
    timeout: 60_000,
  }).trim();
}

describe('deploy/local/lib.sh server_gone (the "exited during startup" check)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flw-lib-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The pid file is written just before the exec into the server (here two, env then sleep, as
  // setpriv then postgres); while the kernel executes, /proc/PID/cmdline reads empty. A check on
  // the command line took that for an exit and failed a CI's "infrastructure up" while PostgreSQL
  // went on to start. With that check this test counted 6 and 20 such "exits" in 150 tries.
  it('does not take a server that is still being executed for one that exited', () => {
    const out = bash(
      `gone=0
       for i in $(seq 1 400); do
         rm -f "$PIDFILE"
         ( exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" env sleep 2 </dev/null >/dev/null 2>&1 ) &
         until [ -s "$PIDFILE" ]; do :; done
         if server_gone; then gone=$((gone + 1)); fi
         kill "$(<"$PIDFILE")" 2>/dev/null || true
       done
       wait
       echo "$gone"`,
      dir,
    );
    expect(out).toBe('0');
  });

  it('takes a pid that no longer exists, a zombie and an empty pid file for an exit', () => {
    const out = bash(
      `sleep 0.01 & dead=$!; wait "$dead"
       echo "$dead" >"$PIDFILE"; server_gone && echo dead-gone
       : >"$PIDFILE"; server_gone && echo empty-gone
       # A child that exits while its parent sleeps without reaping it stays a zombie meanwhile.
       python3 -c 'import os, sys, time
pid = os.fork()
if pid == 0: os._exit(0)
print(pid, flush=True); time.sleep(3)' >"$dir/zombie" &
       until [ -s "$dir/zombie" ]; do sleep 0.05; done
       sleep 0.2
       cp "$dir/zombie" "$PIDFILE"; server_gone && echo zombie-gone
       sleep 30 & live=$!
       echo "$live" >"$PIDFILE"; server_gone || echo live-running
       kill "$live"; wait`.replace(/\$dir/g, dir),
      dir,
    );
    expect(out.split('\n')).toEqual(['dead-gone', 'empty-gone', 'zombie-gone', 'live-running']);
  });
});
