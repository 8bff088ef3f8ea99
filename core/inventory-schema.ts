import { z } from 'zod';

/**
 * The authorised-script inventory of one target's payment pages (PCI DSS v4.0.1 6.4.3): every
 * script with its business justification and approval, the origins the pages may connect to, and
 * the security-impacting headers recorded per page (11.6.1). Strict objects, like the targets file,
 * so a typo'd key is an error naming its line.
 */

/** How an entry names its script; exactly one per entry. */
const SCRIPT_MATCHERS = ['url', 'urlPattern', 'origin', 'inlineSha256'] as const;

/** The schema, built on first use: zod does its work when a schema is declared, and most scans read no inventory. */
export const inventoryFileSchema = (): ReturnType<typeof build> => (built ??= build());
let built: ReturnType<typeof build> | undefined;

function build() {
  // A real calendar date, as the targets file's waivers take it.
  const isoDate = z.iso.date({ error: 'the approval date as YYYY-MM-DD' });

  // Base64 sha256 as SRI and CSP write it (W3C SRI §3.1), with or without the "sha256-" prefix.
  const SHA256_B64 = /^(?:sha256-)?[A-Za-z0-9+/]{43}=$/;
  const sha256 = z.string().regex(SHA256_B64, 'a base64 sha256 as SRI writes it, e.g. sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');

  const justification = z
    .string({ error: 'a justification: why the payment page needs this (PCI DSS 6.4.3)' })
    .trim()
    .min(1, 'a justification: why the payment page needs this (PCI DSS 6.4.3); the draft leaves it empty for you to fill in');

  const absoluteUrl = z.string().refine((u) => URL.canParse(u) && /^(https?|wss?):$/.test(new URL(u).protocol), 'an absolute http(s) URL');
  const originOnly = z
    .string()
    .refine((u) => URL.canParse(u) && /^(https?|wss?):$/.test(new URL(u).protocol), 'an origin such as https://js.example.com')
    // An origin is scheme, host and port: a path here would read as narrower than it is.
    .refine((u) => !URL.canParse(u) || new URL(u).href === `${new URL(u).origin}/`, 'only scheme://host[:port], no path, query or credentials');

  const scriptEntry = z
    .strictObject({
      /** The script's exact absolute URL. */
      url: absoluteUrl.optional(),
      /** A glob over the absolute URL (`*` within a path segment, `**` across segments), or /RE2 regex/ matching the whole URL. */
      urlPattern: z.string().min(1).optional(),
      /** Every script from this origin. */
      origin: originOnly.optional(),
      /** An inline or run-time script, by the sha256 of its text (the CSP hash form). */
      inlineSha256: sha256.optional(),
      justification,
      approvedBy: z.string({ error: 'who approved the script (PCI DSS 6.4.3)' }).trim().min(1, 'who approved the script (PCI DSS 6.4.3)'),
      approvedOn: isoDate,
      /** Pin: the script's body must hash to this (change detection, 11.6.1). */
      sha256: sha256.optional(),
    })
    .superRefine((e, ctx) => {
      const given = SCRIPT_MATCHERS.filter((k) => e[k] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `exactly one of ${SCRIPT_MATCHERS.join(', ')} (found ${given.length ? given.join(', ') : 'none'})` });
      }
      if (e.sha256 !== undefined && e.url === undefined && e.urlPattern === undefined) {
        ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'a sha256 pin goes with url or urlPattern (an inline script is already named by its hash)' });
      }
    });

  const connectionEntry = z.strictObject({
    origin: originOnly,
    justification,
    approvedBy: z.string().trim().min(1).optional(),
    approvedOn: isoDate.optional(),
  });

  const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name');

  return z.strictObject({
    scripts: z.array(scriptEntry).default([]),
    connections: z.array(connectionEntry).default([]),
    /** Page path (as in paymentPages) → header name → value, as the browser received them. */
    // A hand-written `x-xss-protection: 0` is YAML's number 0: header values are text either way.
    headers: z
      .record(z.string().regex(/^\//, 'a page path starting with /'), z.record(headerName, z.union([z.string(), z.number()]).transform(String)))
      .default({}),
  });
}

type InventoryFile = z.infer<ReturnType<typeof build>>;
export type ScriptEntry = InventoryFile['scripts'][number];
