// The published JSON Schema of iotlabel.declaration/v1 (`iotlabel schema declaration`). parseDeclaration
// enforces the same rules plus what a schema cannot say (GS1 check digits, real calendar dates, provision
// ids that exist in the declared catalog); a test keeps the two in step.
import { CATALOG_IDS } from '../regimes/types.js';
import {
  RADIO_INTERFACES,
  SBOM_FORMATS,
  DECLARATION_SCHEMA_VERSION,
  PASSWORD_GENERATIONS,
  PASSWORD_SCHEMES,
  PRODUCT_CATEGORIES,
  STATEMENT_STATUSES,
} from './declaration.js';

export const LIMITS = {
  text: 500,
  url: 2048,
  gtins: 100,
  contacts: 20,
  statements: 400,
  days: 365,
  reports: 20,
} as const;

const text = { type: 'string', minLength: 1, maxLength: LIMITS.text } as const;
const url = { type: 'string', minLength: 1, maxLength: LIMITS.url, pattern: '^https?://[^\\s]+$' } as const;
const date = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A calendar date, YYYY-MM-DD',
} as const;
const days = { type: 'integer', minimum: 0, maximum: LIMITS.days } as const;

export const declarationJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://iotlabel.dev/schemas/declaration/v1.json',
  title: 'iotlabel declaration v1',
  description: "A manufacturer's security declaration for one consumer connectable product.",
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'manufacturer', 'product', 'passwords', 'vulnerabilityDisclosure'],
  properties: {
    schemaVersion: { const: DECLARATION_SCHEMA_VERSION },
    manufacturer: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: text,
        address: text,
        website: url,
        authorisedRepresentative: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'address'],
          properties: { name: text, address: text },
        },
      },
    },
    product: {
      type: 'object',
      additionalProperties: false,
      required: ['brand', 'model', 'category'],
      properties: {
        brand: text,
        model: text,
        name: text,
        category: { enum: [...PRODUCT_CATEGORIES] },
        gtins: {
          type: 'array',
          maxItems: LIMITS.gtins,
          items: {
            type: 'string',
            pattern: '^[0-9]{8}$|^[0-9]{12,14}$',
            description: 'GTIN-8, -12, -13 or -14 with a valid GS1 check digit',
          },
        },
        hardwareVersion: text,
        firmwareVersion: text,
        batch: text,
        cellular: { type: 'boolean' },
        designedForChildrenUnder14: { type: 'boolean' },
        exceptions: {
          type: 'object',
          additionalProperties: false,
          properties: {
            northernIrelandWindsorFramework: { type: 'boolean' },
            cpaAssuredSmartMeter: { type: 'boolean' },
          },
        },
        firstPlacedOnMarket: date,
        radioInterfaces: {
          type: 'array',
          maxItems: RADIO_INTERFACES.length,
          items: { enum: [...RADIO_INTERFACES] },
          description: 'The radio interfaces; an empty list says the product has no radio',
        },
        expectedUseMonths: {
          type: 'integer',
          minimum: 1,
          maximum: 59,
          description: 'The expected use time in months, when under five years (CRA Article 13(8))',
        },
        features: {
          type: 'object',
          additionalProperties: false,
          description: 'Facts that decide the CRA class (Annexes III and IV)',
          properties: {
            securityFunction: { type: 'boolean' },
            generalPurposeAssistant: { type: 'boolean' },
            socialInteraction: { type: 'boolean' },
            locationTracking: { type: 'boolean' },
            healthMonitoring: { type: 'boolean' },
            smartMeterGateway: { type: 'boolean' },
          },
        },
      },
    },
    passwords: {
      type: 'object',
      additionalProperties: false,
      required: ['usesPasswords', 'scheme'],
      properties: {
        usesPasswords: { type: 'boolean' },
        scheme: { enum: [...PASSWORD_SCHEMES] },
        generation: { enum: [...PASSWORD_GENERATIONS] },
        resettableToUniversalDefault: { type: 'boolean' },
      },
    },
    vulnerabilityDisclosure: {
      type: 'object',
      additionalProperties: false,
      required: ['contacts'],
      properties: {
        contacts: {
          type: 'array',
          maxItems: LIMITS.contacts,
          items: {
            type: 'string',
            maxLength: LIMITS.url,
            pattern: '^(mailto:[^\\s@]+@[^\\s@]+|https?://[^\\s]+|tel:\\+?[0-9][0-9 ()-]*)$',
          },
        },
        policyUrl: url,
        acknowledgementWithinDays: days,
        statusUpdatesEveryDays: days,
        securityTxtUrl: url,
        iso29147: { type: 'boolean' },
      },
    },
    supportPeriod: {
      type: 'object',
      additionalProperties: false,
      required: ['endDate'],
      properties: { endDate: date, publishedAt: url },
    },
    provisions: {
      type: 'object',
      additionalProperties: false,
      required: ['catalog', 'statements'],
      properties: {
        catalog: { enum: [...CATALOG_IDS] },
        statements: {
          type: 'object',
          maxProperties: LIMITS.statements,
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['status'],
            properties: { status: { enum: [...STATEMENT_STATUSES] }, detail: text, justification: text },
            if: { properties: { status: { const: 'not-applicable' } } },
            then: { required: ['justification'] },
          },
        },
      },
    },
    signatory: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'function', 'place', 'date'],
      properties: { name: text, function: text, place: text, date },
    },
    labTestReports: {
      type: 'array',
      maxItems: LIMITS.reports,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['scheme', 'lab', 'reportId', 'date'],
        properties: {
          scheme: {
            type: 'string',
            maxLength: 100,
            pattern: '^[a-z0-9][a-z0-9.-]*$',
            description: 'A regime id, e.g. us-cyber-trust-mark',
          },
          lab: text,
          reportId: text,
          date,
          level: { type: 'integer', minimum: 1, maximum: 4 },
        },
      },
    },
    sbom: {
      type: 'object',
      additionalProperties: false,
      required: ['format'],
      properties: { format: { enum: [...SBOM_FORMATS] }, url },
    },
  },
} as const;
