import { ConfigError, ConfigOf, loadConfig, Schema } from './env.schema';

/**
 * Loads the app's config or ends the process with a message that names each wrong variable.
 * Written to stderr directly: the logger itself depends on config.
 */
export function loadConfigOrExit<S extends Schema>(app: string, schema: S): ConfigOf<S> {
  try {
    return loadConfig(schema);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`[${app}] refusing to start. ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}

/** DI token under which each app provides its validated config object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
