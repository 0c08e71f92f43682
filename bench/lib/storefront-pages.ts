/** The storefront pages the benchmark measures: the demo shop's home and a content page, on the shop's own host. */
export const STOREFRONT_HOST = 'luxe-boutique.wizamart.localhost';
export const STOREFRONT_PATHS = ['/', '/pages/about'] as const;

export interface StorefrontServerInfo {
  readonly port: number;
  /** Queries the database ran per request with warm caches, by path (wizamart only). */
  readonly queriesPerRequest?: Record<string, number>;
  /** The HTML the platform rendered for each path, for the bare server to send (wizamart only). */
  readonly html?: Record<string, string>;
}
