/** The one way the web app talks to the server: JSON under /api/v1, errors in the API's shape. */
export type ApiIssue = { path?: string | (string | number)[]; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { issues?: ApiIssue[] } & Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
/** Cookie-authenticated writes echo the session's CSRF token (src/http/authenticate.ts). */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

let language = 'zh-CN';
/** The UI's language, sent as `Accept-Language` so the server's messages come in it (issue 15). */
export function setApiLanguage(lang: string) {
  language = lang;
}

type Options = { body?: unknown; receipt?: string; form?: FormData; idempotencyKey?: string };

export async function api<T = unknown>(method: string, path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.receipt) headers['x-receipt'] = options.receipt;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'NETWORK'); // ErrorBox shows error.network
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (json as { error?: { code: string; message: string; details?: ApiError['details'] } } | undefined)
      ?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'HTTP_' + res.status,
      error?.message ?? `${res.status}`,
      error?.details,
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
