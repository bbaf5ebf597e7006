/**
 * A tiny fetch client typed only by the `paths` interface that openapi-typescript generates from
 * /docs-json: the path, its parameters, the JSON body and the JSON answer (success or the shared
 * error) are all checked against the document. test/api/openapi.e2e-spec.ts generates `paths` at
 * test time and type-checks a few calls against it, so a document a client cannot use fails there.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation of `method` on `path`; never when the path has no such method. */
export type OperationOf<Paths, P, M extends HttpMethod> = P extends keyof Paths
  ? Paths[P] extends { [K in M]: infer O }
    ? O
    : never
  : never;

/** The paths that have `method`. */
export type PathsWith<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: [OperationOf<Paths, P, M>] extends [never] ? never : P;
}[keyof Paths];

type Params<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Params<O> extends { path: infer X } ? X : undefined;
type QueryParams<O> = Params<O> extends { query?: infer X } ? NonNullable<X> : never;
type JsonBody<O> = O extends { requestBody?: infer R }
  ? [NonNullable<R>] extends [never]
    ? never
    : NonNullable<R> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;

export type RequestInit<O> = ([PathParams<O>] extends [undefined]
  ? { path?: undefined }
  : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: undefined } : { query?: QueryParams<O> }) &
  ([JsonBody<O>] extends [never] ? { body?: undefined } : { body: JsonBody<O> });

type Responses<O> = O extends { responses: infer R } ? R : never;
type JsonOf<X> = X extends { content: { 'application/json': infer B } } ? B : never;
type AnswerOf<O, Codes> = {
  [S in keyof Responses<O>]: S extends Codes ? JsonOf<Responses<O>[S]> : never;
}[keyof Responses<O>];

export type Result<O> =
  | { ok: true; status: number; data: AnswerOf<O, 200 | 201> }
  | { ok: false; status: number; error: AnswerOf<O, 400 | 401 | 403 | 404 | 409 | 413 | 429> };

export interface TypedClient<Paths> {
  call<M extends HttpMethod, P extends PathsWith<Paths, M>>(
    method: M,
    path: P,
    init: RequestInit<OperationOf<Paths, P, M>>,
  ): Promise<Result<OperationOf<Paths, P, M>>>;
}

export function typedClient<Paths>(baseUrl: string, accessToken?: string): TypedClient<Paths> {
  return {
    async call(method, path, init) {
      const {
        path: pathParams,
        query,
        body,
      } = init as {
        path?: Record<string, unknown>;
        query?: Record<string, unknown>;
        body?: unknown;
      };
      const url = new URL(
        String(path).replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(String(pathParams?.[name])),
        ),
        baseUrl,
      );
      for (const [key, value] of Object.entries(query ?? {})) {
        if (value !== undefined) url.searchParams.append(key, String(value));
      }
      const headers: Record<string, string> = { accept: 'application/json' };
      if (accessToken) headers.authorization = `Bearer ${accessToken}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url, {
        method: method.toUpperCase(),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const json: unknown = text ? JSON.parse(text) : undefined;
      return (
        res.ok ? { ok: true, status: res.status, data: json } : { ok: false, status: res.status, error: json }
      ) as never;
    },
  };
}
