/** A URL's hostname without the brackets WHATWG URL keeps around an IPv6 literal ("[::1]" → "::1"). */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}
