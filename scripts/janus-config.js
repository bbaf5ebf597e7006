'use strict';
/**
 * Writes a Janus configuration folder for one node: the core, the HTTP transport, the VideoRoom
 * plugin (room creation needs the admin key, held only by the server) and the sample event
 * handler (room presence POSTed to the api with basic auth). Everything else Janus ships is
 * disabled. Used by `npm start` (a local node) and by the test harness (a node inside a network
 * namespace), so both run the same configuration.
 */
const fs = require('node:fs');
const path = require('node:path');

const LIB = '/usr/lib/x86_64-linux-gnu/janus';

const DISABLED_PLUGINS = [
  'audiobridge',
  'duktape',
  'echotest',
  'lua',
  'nosip',
  'recordplay',
  'sip',
  'streaming',
  'textroom',
  'videocall',
  'voicemail',
].map((p) => `libjanus_${p}.so`);
const DISABLED_TRANSPORTS = ['websockets', 'mqtt', 'nanomsg', 'pfunix', 'rabbitmq'].map(
  (t) => `libjanus_${t}.so`,
);
const DISABLED_EVENTS = ['gelfevh', 'mqttevh', 'nanomsgevh', 'rabbitmqevh', 'wsevh'].map(
  (e) => `libjanus_${e}.so`,
);

/** Finds the folder of Janus's modules (Debian's multiarch path, else next to the binary). */
function libDir() {
  if (fs.existsSync(LIB)) return LIB;
  for (const dir of ['/usr/lib/janus', '/usr/local/lib/janus', '/opt/janus/lib/janus']) {
    if (fs.existsSync(dir)) return dir;
  }
  return LIB;
}

const q = (s) => JSON.stringify(String(s));

/**
 * @param {object} o
 * @param {string} o.dir folder to write (created)
 * @param {string} o.name server name (node id)
 * @param {string} o.httpIp address the HTTP API binds to
 * @param {number} o.httpPort
 * @param {string} o.adminKey VideoRoom admin key (room creation)
 * @param {string} [o.eventsUrl] where presence events go (api); none: no event handler
 * @param {string} [o.eventsUser]
 * @param {string} [o.eventsPassword]
 * @param {string} [o.iceEnforce] interfaces/addresses ICE may use (e.g. the namespace's veth)
 * @param {string} [o.publicIp] the address Janus announces (its `interface`)
 * @param {string} [o.rtpPortRange] e.g. "20000-20999"
 * @param {number} [o.debugLevel]
 */
function writeJanusConfig(o) {
  const lib = libDir();
  fs.mkdirSync(o.dir, { recursive: true });
  const files = {
    'janus.jcfg': `general: {
  configs_folder = ${q(o.dir)}
  plugins_folder = ${q(`${lib}/plugins`)}
  transports_folder = ${q(`${lib}/transports`)}
  events_folder = ${q(`${lib}/events`)}
  loggers_folder = ${q(`${lib}/loggers`)}
  debug_level = ${o.debugLevel ?? 3}
  log_to_stdout = true
  server_name = ${q(o.name)}
${o.publicIp ? `  interface = ${q(o.publicIp)}\n` : ''}  session_timeout = 60
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sbin", "/sys", "/usr", "/var"]
}
certificates: {
}
media: {
  rtp_port_range = ${q(o.rtpPortRange ?? '20000-40000')}
}
nat: {
  nice_debug = false
  ignore_mdns = true
${o.iceEnforce ? `  ice_enforce_list = ${q(o.iceEnforce)}\n` : ''}}
plugins: {
  disable = ${q(DISABLED_PLUGINS.join(','))}
}
transports: {
  disable = ${q(DISABLED_TRANSPORTS.join(','))}
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = ${o.eventsUrl ? 'true' : 'false'}
  disable = ${q(DISABLED_EVENTS.join(','))}
}
`,
    'janus.transport.http.jcfg': `general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = ${o.httpPort}
  ip = ${q(o.httpIp)}
  https = false
}
admin: {
  admin_http = false
}
cors: {
  allow_origin = "*"
}
`,
    'janus.plugin.videoroom.jcfg': `general: {
  admin_key = ${q(o.adminKey)}
  events = true
  string_ids = false
  lock_rtp_forward = true
}
`,
    'janus.eventhandler.sampleevh.jcfg': `general: {
  enabled = ${o.eventsUrl ? 'true' : 'false'}
  events = "plugins"
  grouping = true
  json = "plain"
  backend = ${q(o.eventsUrl ?? 'http://127.0.0.1:9/unused')}
  backend_user = ${q(o.eventsUser ?? 'janus')}
  backend_pwd = ${q(o.eventsPassword ?? 'unused')}
  max_retransmissions = 5
  retransmissions_backoff = 100
}
`,
  };
  for (const [name, text] of Object.entries(files))
    fs.writeFileSync(path.join(o.dir, name), text, { mode: 0o600 });
  return path.join(o.dir, 'janus.jcfg');
}

module.exports = { writeJanusConfig };
