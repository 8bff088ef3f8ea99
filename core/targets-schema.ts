import { z } from 'zod';
import { CHECK_ID_SHAPE } from '../catalogue/checks.js';

/**
 * The targets file. Every object is strict, so a typo'd key is an error naming its line
 * rather than a silently ignored setting.
 */
const port = z.number().int().min(1, 'a port from 1 to 65535').max(65535, 'a port from 1 to 65535');
const checkId = z.string().regex(/^[A-Z]{3,4}-\d{2}$/, 'a check ID such as HDR-01');
/** A waiver may name a team's own acceptance check too (ACME-01): CHECK_ID_SHAPE. */
const waivedCheckId = z.string().regex(CHECK_ID_SHAPE, 'a check ID such as HDR-01, or your own such as ACME-01');
// A calendar date (2099-02-31 is refused); the JSON Schema carries zod's leap-year-aware pattern.
const isoDate = z.iso.date({ error: 'a real calendar date as YYYY-MM-DD' });

export const portSetSchema = z.union([z.enum(['magento', 'top1000', 'all']), z.array(port).min(1)]);

const portsSchema = z.strictObject({
  /** Ports that may be reachable from the scanning vantage point (NET-01). */
  allowed: z.array(port).optional(),
  /** What to scan: the Magento set, nmap's top 1000, all 65535, or a list. */
  scan: portSetSchema.optional(),
  /** Parallel connection attempts per host. */
  concurrency: z.number().int().min(1).max(2000).optional(),
});

const waiverSchema = z.strictObject({
  check: waivedCheckId,
  justification: z.string().min(10, 'say why, in a sentence'),
  expires: isoDate,
});

/** Settings a target may take from `defaults`. */
const targetSettings = {
  caFile: z.string().min(1).optional(),
  http: z.strictObject({ port: port.optional() }).optional(),
  ports: portsSchema.optional(),
  ssh: z.strictObject({ port: port.optional(), allowedFromHere: z.boolean().optional() }).optional(),
  admin: z.strictObject({ path: z.string().regex(/^\//, 'a path starting with /').optional() }).optional(),
  /** MAG-02: the deployed release from the team's own deployment record, judged when the store hides it. */
  magento: z
    .strictObject({
      version: z
        .string()
        .regex(/^2\.\d+\.\d+(?:-p\d+)?$/, 'a Magento 2 release such as 2.4.7-p3')
        .optional(),
      edition: z.enum(['open-source', 'adobe-commerce']).optional(),
    })
    .optional(),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().min(50).max(120_000).optional(),
      requestMs: z.number().int().min(100).max(300_000).optional(),
      /** Wall-clock budget for all of a target's checks, from the scan's start; what is left then ends inconclusive. */
      targetMs: z
        .number()
        .int()
        .min(1_000)
        .max(24 * 3_600_000)
        .optional(),
    })
    .optional(),
  politeness: z
    .strictObject({
      /** Requests in flight at once against one host. */
      concurrency: z.number().int().min(1).max(64).optional(),
      /** Most requests one target may receive in a scan. */
      requestBudget: z.number().int().min(10).max(100_000).optional(),
    })
    .optional(),
  policy: z
    .strictObject({
      /** HDR-04: accepted X-XSS-Protection values. */
      xssProtection: z.array(z.string()).optional(),
      /** HDR-06: minimum HSTS max-age in seconds. */
      hstsMinAge: z.number().int().min(0).optional(),
      /** TLS-03: accepted cipher suites by IANA name; replaces the checklist's list. */
      cipherSuites: z.array(z.string()).optional(),
      /** MTH-01: also probe /rest/ (Magento's REST API uses PUT and DELETE). */
      methodsIncludeRest: z.boolean().optional(),
    })
    .optional(),
  waivers: z.array(waiverSchema).optional(),
  /** SCR-xx: the payment pages a real browser loads (paths on the target); the defaults when absent. */
  // Not //host/…: that is another origin, not a path on the target.
  paymentPages: z
    .array(z.string().regex(/^\/(?!\/)/, 'a path starting with / (not //)'))
    .min(1, 'at least one path')
    .optional(),
  /** INT-xx checks: evidence documents an auditor collected. */
  evidence: z.record(checkId, z.string()).optional(),
};

const parsedUrl = (u: string) => (URL.canParse(u) ? new URL(u) : undefined);
const httpUrl = z
  .string()
  .url('a URL such as https://shop.example.com/')
  .refine((u) => /^https?:$/.test(parsedUrl(u)?.protocol ?? ''), 'an http:// or https:// URL')
  // Reports copy the URL everywhere (JUnit properties, every evidence label): no secrets in it.
  .refine((u) => !parsedUrl(u)?.username && !parsedUrl(u)?.password, 'no user:password@ in the URL: reports would copy the credentials')
  .refine((u) => parsedUrl(u)?.port !== '0', 'a port from 1 to 65535');

const ipAddress = z.union([z.ipv4(), z.ipv6()], { error: 'an IPv4 or IPv6 address' });

export const targetEntrySchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore'),
  url: httpUrl,
  address: ipAddress.optional(),
  /** SCR-01..04: the authorised script inventory of the payment pages, relative to this file (`mageprobe inventory` drafts it). */
  inventory: z.string().min(1).optional(),
  ...targetSettings,
});

export const targetsFileSchema = z.strictObject({
  defaults: z.strictObject(targetSettings).optional(),
  targets: z.array(targetEntrySchema).min(1, 'at least one target'),
});

export type TargetsFile = z.infer<typeof targetsFileSchema>;
export type TargetEntry = z.infer<typeof targetEntrySchema>;
export type PortSet = z.infer<typeof portSetSchema>;
