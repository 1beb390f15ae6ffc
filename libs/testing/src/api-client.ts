/** A small HTTP client for the public API, as a user's script would use it. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  ms: number;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly tenant?: string,
  ) {}

  withTenant(tenant: string): ApiClient {
    return new ApiClient(this.baseUrl, this.token, tenant);
  }

  get<T = any>(path: string) {
    return this.send<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.send<T>('POST', path, body);
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
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.tenant ? { 'x-balanse-tenant': this.tenant } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, ms: performance.now() - started };
  }
}
