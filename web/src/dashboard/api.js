// Calls to the service. A 401 asks the person for the token once; it is kept for this browser session only.
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail ? `${body.error}: ${body.detail}` : body?.error ?? `HTTP ${status}`);
    this.status = status;
  }
}

export class Api {
  constructor(askToken) {
    this.askToken = askToken;
    this.token = sessionStorage.getItem("autocut.token");
  }

  headers() {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }

  async request(method, path, body, as = "auto") {
    for (let attempt = 0; attempt < 3; attempt++) {
      // A GET revalidates what the browser holds (If-None-Match: 304 costs a header, not a document); a change is
      // never kept.
      const cache = method === "GET" ? "no-cache" : "no-store";
      const headers = this.headers();
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetch(path, { method, headers, cache, body: body === undefined ? undefined : JSON.stringify(body) });
      if (response.status === 401) {
        await this.authorize();
        continue;
      }
      const type = response.headers.get("content-type") ?? "";
      if (response.ok && as === "blob") return response.blob();
      const answer = type.includes("json") ? await response.json() : await response.text();
      if (!response.ok) throw new ApiError(response.status, answer);
      return answer;
    }
    throw new ApiError(401, { error: "unauthorized", detail: "the token was not accepted" });
  }

  async authorize() {
    if (!this.pendingToken) this.pendingToken = this.askToken().finally(() => (this.pendingToken = null));
    this.token = await this.pendingToken;
    sessionStorage.setItem("autocut.token", this.token);
  }

  get(path) {
    return this.request("GET", path);
  }

  post(path, body) {
    return this.request("POST", path, body);
  }

  // An address an <img> can show. Without a token it is the path itself (the browser caches it); with one, the
  // picture is fetched with the token and shown from memory.
  async image(path) {
    if (!this.token) return path;
    return URL.createObjectURL(await this.request("GET", path, undefined, "blob"));
  }
}
