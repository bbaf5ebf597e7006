/**
 * The one way the browser talks to the REST API: same origin, JSON, bearer token from the auth
 * store, one silent refresh on a 401, and every failure turned into an ApiError that the UI can
 * show plainly (never a blank page).
 */
import { authStore } from './auth-store';

export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  details?: { errors?: unknown[]; conflicts?: unknown[] } & Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The API's stable code (validation_failed, speaker_conflict, ...) or network / unauthorized. */
    readonly code: string,
    message: string,
    readonly details?: ApiErrorBody['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Validation messages that name a field ("title.kk must not be blank"), by their top-level field. */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const list = Array.isArray(this.details?.errors)
      ? this.details!.errors.filter((e): e is string => typeof e === 'string')
      : this.status === 400
        ? this.message.split('; ')
        : [];
    for (const msg of list) {
      const m = /^([A-Za-z_][\w]*)/.exec(msg);
      if (!m) continue;
      (out[m[1]] ??= []).push(msg);
    }
    return out;
  }
}

type Body = unknown;

export interface RequestOptions {
  /** Sent as text/csv instead of JSON. */
  csv?: boolean;
  /** Sent as it is with this content type (a file: an .xlsx workbook is binary). */
  contentType?: string;
  /** Skip the bearer token (sign-in, public reads). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

let refreshing: Promise<boolean> | undefined;

/** Gets a fresh access token with the refresh token (one request at a time); true when it did. */
export async function refreshSignIn(): Promise<boolean> {
  return refreshOnce();
}

async function refreshOnce(): Promise<boolean> {
  const current = authStore.get();
  if (!current?.refreshToken) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (!res.ok) return false;
      authStore.setTokens(await res.json());
      return true;
    } catch {
      return false;
    } finally {
      // Let the next 401 try again later (a new access token expires too).
      setTimeout(() => (refreshing = undefined), 0);
    }
  })();
  return refreshing;
}

async function send(method: string, path: string, body: Body, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = opts.anonymous ? undefined : authStore.get()?.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers['Content-Type'] = opts.contentType ?? (opts.csv ? 'text/csv' : 'application/json');
    payload = opts.contentType ? (body as BodyInit) : opts.csv ? String(body) : JSON.stringify(body);
  }
  try {
    return await fetch(path, { method, headers, body: payload, signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
}

async function toError(res: Response): Promise<ApiError> {
  let b: ApiErrorBody = {};
  try {
    b = (await res.json()) as ApiErrorBody;
  } catch {
    // not JSON (a proxy's error page): keep the status only
  }
  const message = Array.isArray(b.message) ? b.message.join('; ') : (b.message ?? res.statusText);
  return new ApiError(res.status, b.error ?? `http_${res.status}`, message, b.details);
}

export async function request<T>(
  method: string,
  path: string,
  body?: Body,
  opts: RequestOptions = {},
): Promise<T> {
  let res = await send(method, path, body, opts);
  if (res.status === 401 && !opts.anonymous && authStore.get()) {
    if (await refreshOnce()) res = await send(method, path, body, opts);
    if (res.status === 401) {
      const err = await toError(res);
      authStore.expire();
      throw err;
    }
  }
  return readBody<T>(res);
}

async function readBody<T>(res: Response): Promise<T> {
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A request made earlier without this module (the entry's prefetch), read as an anonymous one. */
export async function readResponse<T>(pending: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await pending;
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  return readBody<T>(res);
}

export const http = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: Body, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: Body, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body?: Body, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** A query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Downloads a protected file (CSV report) with the bearer token, as the browser's own download. */
export async function download(path: string, filename: string): Promise<void> {
  const text = await request<string>('GET', path);
  const blob = new Blob([typeof text === 'string' ? text : JSON.stringify(text)], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
