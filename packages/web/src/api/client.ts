/** An error answered by the API: `{ error: { code, message } }`, or a network failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: ((message: string) => void) | null = null;

/** Remembers the CSRF token every write must echo in `x-csrf-token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Returns the CSRF token of the current session (for uploads that bypass `apiFetch`). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Registers what happens when the server says the session is gone (back to login). */
export function setUnauthenticatedHandler(handler: ((message: string) => void) | null): void {
  onUnauthenticated = handler;
}

/** Query values the API accepts; arrays repeat the key, undefined and "" are dropped. */
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

/** Builds `path?query` from a record of query values. */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** Do not treat a 401 as an expired session (login and the first `me` probe). */
  isAuthProbe?: boolean;
}

/** Calls the JSON API with the session cookie and CSRF header; throws ApiError with the server's Chinese message. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError("NETWORK", "无法连接服务器，请检查网络后重试", 0);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    const apiError = new ApiError(error?.code ?? `HTTP_${response.status}`, error?.message ?? `请求失败（HTTP ${response.status}）`, response.status);
    if (response.status === 401 && !options.isAuthProbe && onUnauthenticated) onUnauthenticated(apiError.message);
    throw apiError;
  }
  return payload as T;
}

/** Formats an error for a message toast: the Chinese message plus the code. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message}（${error.code}）`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Uploads one file as multipart (form fields first, as the server reads them before the file). */
export async function apiUpload<T>(path: string, file: Blob, fileName: string, fields: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", file, fileName);
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: form });
  } catch {
    throw new ApiError("NETWORK", "无法连接服务器，请检查网络后重试", 0);
  }
  const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    const apiError = new ApiError(payload?.error?.code ?? `HTTP_${response.status}`, payload?.error?.message ?? `上传失败（HTTP ${response.status}）`, response.status);
    if (response.status === 401 && onUnauthenticated) onUnauthenticated(apiError.message);
    throw apiError;
  }
  return payload as T;
}
