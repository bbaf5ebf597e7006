/** Where the page opens its live socket (kept apart from the client, which runs outside a browser too). */
let configPromise: Promise<string> | undefined;

/**
 * Where the gateway is: written into the page by the api that served it (`<meta
 * name="qatys-gateway">`), else asked for (GET /app/config.json: the Vite dev server's page has
 * no such tag), else same host, port 3001.
 */
export function gatewayUrl(): Promise<string> {
  const given =
    typeof document === 'undefined'
      ? undefined
      : document.querySelector<HTMLMetaElement>('meta[name="qatys-gateway"]')?.content;
  if (given) configPromise ??= Promise.resolve(given);
  configPromise ??= fetch('/app/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<{ gatewayUrl?: string }>) : {}))
    .then((c: { gatewayUrl?: string }) => c.gatewayUrl || `${location.protocol}//${location.hostname}:3001`)
    .catch(() => `${location.protocol}//${location.hostname}:3001`);
  return configPromise;
}
