/** What one of the demo store's routes answers: status, headers and body, data rather than branches. */
export interface Route {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
}
