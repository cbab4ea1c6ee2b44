// The slice of Shopify's Admin GraphQL schema (2026-10) the app uses, with Shopify's names and
// shapes, so an operation the stand-in accepts is one Shopify would accept too.
export const ADMIN_SCHEMA_SDL = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar JSON
  scalar URL
  scalar UnsignedInt64

  interface Node { id: ID! }
  interface HasMetafields {
    metafield(namespace: String, key: String!): Metafield
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum CurrencyCode { JPY USD EUR }
  type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
  type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

  enum CountryCode { JP US }
  type MailingAddress implements Node {
    id: ID!
    firstName: String
    lastName: String
    name: String
    company: String
    address1: String
    address2: String
    city: String
    province: String
    provinceCode: String
    country: String
    countryCodeV2: CountryCode
    zip: String
    phone: String
    formatted(withName: Boolean = false, withCompany: Boolean = true): [String!]!
  }

  enum CustomerEmailMarketingState { NOT_SUBSCRIBED PENDING SUBSCRIBED UNSUBSCRIBED REDACTED INVALID }
  enum CustomerSmsMarketingState { NOT_SUBSCRIBED PENDING SUBSCRIBED UNSUBSCRIBED REDACTED }
  enum CustomerMarketingOptInLevel { SINGLE_OPT_IN CONFIRMED_OPT_IN UNKNOWN }
  enum CustomerConsentCollectedFrom { SHOPIFY OTHER }

  type CustomerEmailMarketingConsentState {
    marketingState: CustomerEmailMarketingState!
    marketingOptInLevel: CustomerMarketingOptInLevel
    consentUpdatedAt: DateTime
  }
  type CustomerSmsMarketingConsentState {
    marketingState: CustomerSmsMarketingState!
    marketingOptInLevel: CustomerMarketingOptInLevel!
    consentUpdatedAt: DateTime
    consentCollectedFrom: CustomerConsentCollectedFrom
  }

  type Metafield implements Node {
    id: ID!
    namespace: String!
    key: String!
    type: String!
    value: String!
    jsonValue: JSON!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  enum CustomerSortKeys { CREATED_AT ID NAME RELEVANCE UPDATED_AT }
  enum OrderSortKeys { CREATED_AT ID ORDER_NUMBER PROCESSED_AT RELEVANCE TOTAL_PRICE UPDATED_AT }

  type Customer implements Node & HasMetafields {
    id: ID!
    legacyResourceId: UnsignedInt64!
    firstName: String
    lastName: String
    displayName: String!
    email: String
    phone: String
    locale: String!
    note: String
    tags: [String!]!
    createdAt: DateTime!
    updatedAt: DateTime!
    numberOfOrders: UnsignedInt64!
    amountSpent: MoneyV2!
    verifiedEmail: Boolean!
    dataSaleOptOut: Boolean!
    defaultAddress: MailingAddress
    addresses(first: Int): [MailingAddress!]!
    addressesV2(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): MailingAddressConnection!
    emailMarketingConsent: CustomerEmailMarketingConsentState
    smsMarketingConsent: CustomerSmsMarketingConsentState
    orders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: OrderSortKeys = ID, query: String): OrderConnection!
    metafield(namespace: String, key: String!): Metafield
  }
  type CustomerEdge { cursor: String! node: Customer! }
  type CustomerConnection { edges: [CustomerEdge!]! nodes: [Customer!]! pageInfo: PageInfo! }
  type MailingAddressEdge { cursor: String! node: MailingAddress! }
  type MailingAddressConnection { edges: [MailingAddressEdge!]! nodes: [MailingAddress!]! pageInfo: PageInfo! }

  type LineItem implements Node {
    id: ID!
    name: String!
    title: String!
    variantTitle: String
    sku: String
    quantity: Int!
    originalUnitPriceSet: MoneyBag!
    originalTotalSet: MoneyBag!
  }
  type LineItemEdge { cursor: String! node: LineItem! }
  type LineItemConnection { edges: [LineItemEdge!]! nodes: [LineItem!]! pageInfo: PageInfo! }

  type Order implements Node & HasMetafields {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    email: String
    phone: String
    note: String
    createdAt: DateTime!
    processedAt: DateTime!
    currencyCode: CurrencyCode!
    customer: Customer
    shippingAddress: MailingAddress
    billingAddress: MailingAddress
    totalPriceSet: MoneyBag!
    subtotalPriceSet: MoneyBag!
    lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): LineItemConnection!
    metafield(namespace: String, key: String!): Metafield
  }
  type OrderEdge { cursor: String! node: Order! }
  type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }

  type Shop implements Node & HasMetafields {
    id: ID!
    name: String!
    email: String!
    contactEmail: String!
    myshopifyDomain: String!
    currencyCode: CurrencyCode!
    ianaTimezone: String!
    metafield(namespace: String, key: String!): Metafield
  }

  type AppInstallation implements Node & HasMetafields {
    id: ID!
    metafield(namespace: String, key: String!): Metafield
  }

  type QueryRoot {
    shop: Shop!
    currentAppInstallation: AppInstallation!
    node(id: ID!): Node
    customer(id: ID!): Customer
    customers(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: CustomerSortKeys = ID, query: String): CustomerConnection!
    order(id: ID!): Order
    orders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: OrderSortKeys = ID, query: String): OrderConnection!
  }

  type UserError { field: [String!] message: String! }

  input MailingAddressInput {
    firstName: String
    lastName: String
    company: String
    address1: String
    address2: String
    city: String
    provinceCode: String
    countryCode: CountryCode
    zip: String
    phone: String
  }
  input CustomerInput {
    id: ID
    firstName: String
    lastName: String
    email: String
    phone: String
    note: String
    locale: String
    tags: [String!]
    addresses: [MailingAddressInput!]
  }
  type CustomerUpdatePayload { customer: Customer userErrors: [UserError!]! }

  input CustomerEmailMarketingConsentInput {
    marketingState: CustomerEmailMarketingState!
    marketingOptInLevel: CustomerMarketingOptInLevel
    consentUpdatedAt: DateTime
  }
  input CustomerEmailMarketingConsentUpdateInput {
    customerId: ID!
    emailMarketingConsent: CustomerEmailMarketingConsentInput!
  }
  enum CustomerEmailMarketingConsentUpdateUserErrorCode { INVALID INCLUSION INTERNAL_ERROR MISSING_ARGUMENT }
  type CustomerEmailMarketingConsentUpdateUserError {
    field: [String!]
    message: String!
    code: CustomerEmailMarketingConsentUpdateUserErrorCode
  }
  type CustomerEmailMarketingConsentUpdatePayload {
    customer: Customer
    userErrors: [CustomerEmailMarketingConsentUpdateUserError!]!
  }

  input CustomerSmsMarketingConsentInput {
    marketingState: CustomerSmsMarketingState!
    marketingOptInLevel: CustomerMarketingOptInLevel
    consentUpdatedAt: DateTime
  }
  input CustomerSmsMarketingConsentUpdateInput {
    customerId: ID!
    smsMarketingConsent: CustomerSmsMarketingConsentInput!
  }
  enum CustomerSmsMarketingConsentErrorCode { INVALID INCLUSION INTERNAL_ERROR MISSING_ARGUMENT }
  type CustomerSmsMarketingConsentError {
    field: [String!]
    message: String!
    code: CustomerSmsMarketingConsentErrorCode
  }
  type CustomerSmsMarketingConsentUpdatePayload {
    customer: Customer
    userErrors: [CustomerSmsMarketingConsentError!]!
  }

  type TagsAddPayload { node: Node userErrors: [UserError!]! }

  enum CustomerRequestDataErasureErrorCode { DOES_NOT_EXIST FAILED_TO_REQUEST UNAUTHORIZED }
  type CustomerRequestDataErasureUserError {
    field: [String!]
    message: String!
    code: CustomerRequestDataErasureErrorCode
  }
  type CustomerRequestDataErasurePayload { customerId: ID userErrors: [CustomerRequestDataErasureUserError!]! }

  enum CustomerCancelDataErasureErrorCode { DOES_NOT_EXIST FAILED_TO_CANCEL NOT_BEING_ERASED UNAUTHORIZED }
  type CustomerCancelDataErasureUserError {
    field: [String!]
    message: String!
    code: CustomerCancelDataErasureErrorCode
  }
  type CustomerCancelDataErasurePayload { customerId: ID userErrors: [CustomerCancelDataErasureUserError!]! }

  input MetafieldsSetInput {
    ownerId: ID!
    namespace: String
    key: String!
    type: String
    value: String!
    compareDigest: String
  }
  enum MetafieldsSetUserErrorCode { BLANK INCLUSION INVALID INVALID_TYPE INVALID_VALUE LESS_THAN_OR_EQUAL_TO TOO_LONG }
  type MetafieldsSetUserError {
    field: [String!]
    message: String!
    code: MetafieldsSetUserErrorCode
    elementIndex: Int
  }
  type MetafieldsSetPayload { metafields: [Metafield!] userErrors: [MetafieldsSetUserError!]! }

  type Mutation {
    customerUpdate(input: CustomerInput!): CustomerUpdatePayload
    customerEmailMarketingConsentUpdate(input: CustomerEmailMarketingConsentUpdateInput!): CustomerEmailMarketingConsentUpdatePayload
    customerSmsMarketingConsentUpdate(input: CustomerSmsMarketingConsentUpdateInput!): CustomerSmsMarketingConsentUpdatePayload
    tagsAdd(id: ID!, tags: [String!]!): TagsAddPayload
    customerRequestDataErasure(customerId: ID!): CustomerRequestDataErasurePayload
    customerCancelDataErasure(customerId: ID!): CustomerCancelDataErasurePayload
    metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload
  }

  schema { query: QueryRoot mutation: Mutation }
`;
