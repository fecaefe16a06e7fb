/** PHP's json_encode, as the store's API writes JSON: `/` as `\/`, every non-ASCII UTF-16 unit as `\uXXXX`. */
function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A credential as text may carry it: raw, JSON-escaped (once, twice, PHP's way),
 * URL-encoded (as a path or query part, as a form body). A leak scan looks for all
 * of them; for a credential of letters and digits they are all the raw text.
 */
export function escapedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    ...new Set([
      secret,
      json,
      JSON.stringify(json).slice(1, -1),
      phpJson(secret).slice(1, -1),
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (byte) => byte.toLowerCase()),
      new URLSearchParams({ s: secret }).toString().slice(2),
      encodeURIComponent(json),
    ]),
  ];
}

/** Echoes of the credentials a careless server might send back, one per encoding. */
export function echoes(credentials: { token: string; secret: string }): Record<string, string> {
  const { token, secret } = credentials;
  return {
    json: `bad request ${JSON.stringify({ token, secret })}`,
    'json twice': `bad request ${JSON.stringify(JSON.stringify({ token, secret }))}`,
    php: `bad request ${phpJson({ token, secret })}`,
    url: `GET /orders?token=${encodeURIComponent(token)}&secret=${encodeURIComponent(secret)}`,
    form: `body ${new URLSearchParams({ token, secret }).toString()}`,
  };
}
