/** A small HTTP client for the public API, as a user's script would use it. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  ms: number;
}

/** Sends one HTTP request and reads the whole answer; `fetch` unless a caller brings its own. */
export type HttpSend = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; text: string }>;

const fetchSend: HttpSend = async (url, init) => {
  const res = await fetch(url, init);
  return { status: res.status, text: await res.text() };
};

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly tenant?: string,
    private readonly http: HttpSend = fetchSend,
  ) {}

  withTenant(tenant: string): ApiClient {
    return new ApiClient(this.baseUrl, this.token, tenant, this.http);
  }

  get<T = any>(path: string) {
    return this.send<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.send<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.send<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.send<T>('PUT', path, body);
  }

  async send<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const started = performance.now();
    const res = await this.http(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.tenant ? { 'x-balanse-tenant': this.tenant } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = res.text;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, ms: performance.now() - started };
  }
}
