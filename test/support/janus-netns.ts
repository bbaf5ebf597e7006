import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, Server, Socket } from 'net';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { waitFor } from './wait';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeJanusConfig } = require('../../scripts/janus-config.js') as {
  writeJanusConfig: (o: Record<string, unknown>) => string;
};

/** Why Janus tests cannot run here, or null when they can (janus installed, root, ip netns). */
export function janusUnavailable(): string | null {
  if (spawnSync('janus', ['--version']).error)
    return 'janus is not installed (apt-get install janus janus-tools)';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` does not work here';
  return null;
}

let seq = 0;

/**
 * A real Janus inside a network namespace this harness makes: a veth pair joins it to the host,
 * so Janus's only non-loopback interface is ours (10.213.x.2); the machine's own interfaces are
 * never offered as ICE candidates. A browser that must reach Janus runs inside the same namespace
 * (launcher()), so media never leaves it. Janus's presence events, and the browser's requests,
 * reach the api and gateway (127.0.0.1, which the namespace cannot see) through small TCP relays
 * on the host end of the link.
 */
export class JanusNetns {
  readonly name: string;
  readonly hostIp: string;
  readonly nsIp: string;
  readonly url: string;
  adminKey = randomBytes(12).toString('hex');
  eventsSecret = randomBytes(12).toString('hex');
  readonly recordDir: string;
  private readonly hostIf: string;
  private readonly dir: string;
  private proc?: ChildProcess;
  private readonly relays: Server[] = [];
  private readonly relayed = new Set<Socket>();
  log = '';

  private constructor(readonly nodeId: string) {
    const n = (process.pid * 7 + seq++) % 250;
    const m = Math.floor(Math.random() * 63);
    this.name = `qj${process.pid}x${seq}`;
    this.hostIf = `qjh${process.pid % 100000}${seq}`.slice(0, 15);
    this.hostIp = `10.213.${n}.${m * 4 + 1}`;
    this.nsIp = `10.213.${n}.${m * 4 + 2}`;
    this.url = `http://${this.nsIp}:8088/janus`;
    this.dir = mkdtempSync(join(tmpdir(), 'qatys-janus-'));
    this.recordDir = join(this.dir, 'rec');
  }

  /** Starts Janus; `apiPort` is where its presence events go (the api on 127.0.0.1). */
  static async start(
    opts: {
      apiPort?: number;
      nodeId?: string;
      debugLevel?: number;
      rtpPortRange?: string;
      /** Another node of the same install: the same admin key and events secret (as in production). */
      peerOf?: JanusNetns;
    } = {},
  ): Promise<JanusNetns> {
    const j = new JanusNetns(opts.nodeId ?? 'n1');
    if (opts.peerOf) {
      j.adminKey = opts.peerOf.adminKey;
      j.eventsSecret = opts.peerOf.eventsSecret;
    }
    try {
      await j.up(opts);
    } catch (e) {
      await j.close();
      throw e;
    }
    return j;
  }

  private sh(...args: string[]): void {
    execFileSync('ip', args, { stdio: 'pipe' });
  }

  private async up(opts: { apiPort?: number; debugLevel?: number; rtpPortRange?: string }): Promise<void> {
    const peer = `${this.hostIf}p`.slice(0, 15);
    this.sh('netns', 'add', this.name);
    // No IPv6 inside: its link-local address arrives a moment after the link is up, and Chromium
    // (which lives here) aborts whatever is loading at that moment with ERR_NETWORK_CHANGED (seen
    // in CI: the console's chunks failed and the page showed its error screen).
    const noIpv6 = (key: string) => this.sh('netns', 'exec', this.name, 'sysctl', '-qw', `${key}=1`);
    noIpv6('net.ipv6.conf.all.disable_ipv6');
    noIpv6('net.ipv6.conf.default.disable_ipv6');
    this.sh('link', 'add', this.hostIf, 'type', 'veth', 'peer', 'name', peer);
    this.sh('link', 'set', peer, 'netns', this.name);
    noIpv6(`net.ipv6.conf.${peer}.disable_ipv6`);
    this.sh('addr', 'add', `${this.hostIp}/30`, 'dev', this.hostIf);
    this.sh('link', 'set', this.hostIf, 'up');
    this.sh('netns', 'exec', this.name, 'ip', 'addr', 'add', `${this.nsIp}/30`, 'dev', peer);
    this.sh('netns', 'exec', this.name, 'ip', 'link', 'set', peer, 'up');
    this.sh('netns', 'exec', this.name, 'ip', 'link', 'set', 'lo', 'up');

    const eventsUrl = opts.apiPort ? `${await this.relay(opts.apiPort)}/rooms/janus/events` : undefined;
    writeJanusConfig({
      dir: this.dir,
      name: this.nodeId,
      httpIp: this.nsIp,
      httpPort: 8088,
      adminKey: this.adminKey,
      eventsUrl,
      eventsUser: 'janus',
      eventsPassword: this.eventsSecret,
      publicIp: this.nsIp,
      rtpPortRange: opts.rtpPortRange ?? '20000-20999',
      debugLevel: opts.debugLevel ?? 3,
    });
    this.proc = spawn(
      'ip',
      ['netns', 'exec', this.name, 'janus', '-F', this.dir, '-C', join(this.dir, 'janus.jcfg')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (b: Buffer) => {
      this.log = (this.log + b.toString()).slice(-20000);
    };
    this.proc.stdout!.on('data', keep);
    this.proc.stderr!.on('data', keep);
    await waitFor(
      'Janus answers in its namespace',
      async () => {
        if (this.proc?.exitCode !== null) throw new Error(`janus exited: ${this.log.slice(-2000)}`);
        const res = await fetch(`${this.url}/info`, { signal: AbortSignal.timeout(500) }).catch(() => null);
        return res?.ok ?? false;
      },
      { timeoutMs: 15000 },
    );
  }

  /**
   * A TCP relay on the host end of the link to a service on the host's 127.0.0.1 (which the
   * namespace cannot see): returns its base URL as seen from inside the namespace.
   */
  async relay(targetPort: number): Promise<string> {
    const server = createServer((inbound) => {
      const out = new Socket();
      this.relayed.add(inbound).add(out);
      out.connect(targetPort, '127.0.0.1');
      inbound.pipe(out).pipe(inbound);
      const done = () => {
        inbound.destroy();
        out.destroy();
        this.relayed.delete(inbound);
        this.relayed.delete(out);
      };
      inbound.on('error', done).on('close', done);
      out.on('error', done).on('close', done);
    });
    this.relays.push(server);
    await new Promise<void>((r) => server.listen(0, this.hostIp, r));
    return `http://${this.hostIp}:${(server.address() as { port: number }).port}`;
  }

  /**
   * Joins this node's namespace to another's with a veth pair of their own (10.214.x.x), and
   * routes each node's address to the other over it: the two Janus nodes reach each other (a
   * relay's RTP from the origin) and a browser in one namespace reaches the other node, all
   * without the host forwarding anything or any packet leaving the namespaces.
   */
  /** Returns the other node's address on the link. */
  link(other: JanusNetns): string {
    const n = (process.pid * 13 + seq++) % 250;
    const m = Math.floor(Math.random() * 63);
    const [mine, theirs] = [`10.214.${n}.${m * 4 + 1}`, `10.214.${n}.${m * 4 + 2}`];
    const a = `qjl${process.pid % 100000}${seq}a`.slice(0, 15);
    const b = `qjl${process.pid % 100000}${seq}b`.slice(0, 15);
    this.sh('link', 'add', a, 'type', 'veth', 'peer', 'name', b);
    this.sh('link', 'set', a, 'netns', this.name);
    this.sh('link', 'set', b, 'netns', other.name);
    this.sh('netns', 'exec', this.name, 'ip', 'addr', 'add', `${mine}/30`, 'dev', a);
    this.sh('netns', 'exec', this.name, 'ip', 'link', 'set', a, 'up');
    this.sh('netns', 'exec', other.name, 'ip', 'addr', 'add', `${theirs}/30`, 'dev', b);
    this.sh('netns', 'exec', other.name, 'ip', 'link', 'set', b, 'up');
    this.sh('netns', 'exec', this.name, 'ip', 'route', 'add', `${other.nsIp}/32`, 'via', theirs);
    this.sh('netns', 'exec', other.name, 'ip', 'route', 'add', `${this.nsIp}/32`, 'via', mine);
    return theirs;
  }

  /**
   * A launcher that runs `binary` inside the namespace (e.g. Chromium): its only network is the
   * link to the host and Janus, so its WebRTC never gathers the machine's own interfaces.
   */
  launcher(binary: string): string {
    const path = join(this.dir, `in-ns-${basename(binary)}`);
    writeFileSync(path, `#!/bin/sh\nexec ip netns exec ${this.name} ${binary} "$@"\n`, { mode: 0o755 });
    return path;
  }

  /** Stops Janus (the process we started) and keeps the namespace: start() again is not supported. */
  async stopJanus(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.stopJanus();
    for (const s of this.relayed) s.destroy();
    await Promise.all(this.relays.map((r) => new Promise<void>((done) => r.close(() => done()))));
    spawnSync('ip', ['netns', 'delete', this.name]);
    spawnSync('ip', ['link', 'delete', this.hostIf]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
