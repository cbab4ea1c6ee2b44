// The app's view of Shopify's Admin GraphQL API: a function that posts one operation and returns
// Shopify's JSON, plus the rules for living within Shopify's cost limits. Domain code depends on
// the AdminGraphql type only, so it runs the same against Shopify and the test stand-in.

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface AdminGraphqlResult<T> {
  data?: T;
  errors?: GraphqlError[];
  extensions?: { cost?: QueryCost };
}

export type AdminGraphql = <T = unknown>(query: string, variables?: Record<string, unknown>) => Promise<AdminGraphqlResult<T>>;

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly errors: GraphqlError[] = [],
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export class UserErrorsError extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((error) => error.message).join("; "));
    this.name = "UserErrorsError";
  }
}

export const isThrottled = (result: AdminGraphqlResult<unknown>) =>
  (result.errors ?? []).some((error) => error.extensions?.code === "THROTTLED");

/** How long to wait before the bucket holds enough points for the query that was refused. */
export function throttleWait(cost: QueryCost | undefined, attempt: number): number {
  if (cost) {
    const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
    if (missing > 0 && cost.throttleStatus.restoreRate > 0) {
      return Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000) + 50;
    }
  }
  return Math.min(1000 * 2 ** attempt, 10_000);
}

export interface QueryOptions {
  maxThrottleRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called with each answer's cost, for progress reporting and pacing. */
  onCost?: (cost: QueryCost) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one operation, waiting out THROTTLED answers as Shopify's throttle status says, and
 * returns its data; any other GraphQL error is thrown as AdminApiError.
 */
export async function adminQuery<T>(
  api: AdminGraphql,
  query: string,
  variables: Record<string, unknown> = {},
  options: QueryOptions = {},
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const maxRetries = options.maxThrottleRetries ?? 8;
  for (let attempt = 0; ; attempt++) {
    const result = await api<T>(query, variables);
    if (result.extensions?.cost) options.onCost?.(result.extensions.cost);
    if (isThrottled(result)) {
      if (attempt >= maxRetries) throw new AdminApiError("Shopify kept throttling the request", "THROTTLED", result.errors);
      await sleep(throttleWait(result.extensions?.cost, attempt));
      continue;
    }
    if (result.errors?.length) {
      const code = String(result.errors[0].extensions?.code ?? "GRAPHQL_ERROR");
      throw new AdminApiError(result.errors.map((error) => error.message).join("; "), code, result.errors);
    }
    if (!result.data) throw new AdminApiError("Shopify answered without data", "NO_DATA");
    return result.data;
  }
}

/** Throws when a mutation's payload carries userErrors. */
export function assertNoUserErrors(payload: { userErrors?: UserError[] | null } | null | undefined): void {
  if (payload?.userErrors?.length) throw new UserErrorsError(payload.userErrors);
}

export const customerGid = (id: string | number) =>
  String(id).startsWith("gid://") ? String(id) : `gid://shopify/Customer/${id}`;

export const legacyId = (gid: string) => gid.split("/").pop() ?? gid;
