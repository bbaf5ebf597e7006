/** Where the page opens its live socket (kept apart from the client, which runs outside a browser too). */
let configPromise: Promise<string> | undefined;

/** Where the gateway is: the api tells the page (GET /app/config.json), else same host, port 3001. */
export function gatewayUrl(): Promise<string> {
  configPromise ??= fetch('/app/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<{ gatewayUrl?: string }>) : {}))
    .then((c: { gatewayUrl?: string }) => c.gatewayUrl || `${location.protocol}//${location.hostname}:3001`)
    .catch(() => `${location.protocol}//${location.hostname}:3001`);
  return configPromise;
}
