// The iotlabel.declaration/v1 document (DESIGN.md): what a manufacturer states about one product.
import type { CatalogId } from '../regimes/types.js';

export const DECLARATION_SCHEMA_VERSION = 'iotlabel.declaration/v1';

export const PRODUCT_CATEGORIES = [
  'smartphone',
  'tablet',
  'laptop',
  'desktop',
  'smart-tv',
  'smart-speaker',
  'wearable',
  'connected-toy',
  'smart-camera',
  'security-system',
  'alarm-detector',
  'smart-doorbell',
  'smart-lock',
  'smart-plug',
  'smart-lighting',
  'thermostat',
  'smart-appliance',
  'router',
  'hub',
  'game-console',
  'smart-meter',
  'ev-charge-point',
  'medical-device',
  'vehicle',
  'other',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const PASSWORD_SCHEMES = ['unique-per-device', 'user-defined', 'universal-default', 'none'] as const;
export type PasswordScheme = (typeof PASSWORD_SCHEMES)[number];

/** How unique per-device passwords are made. The last four are ways PSTI Schedule 1 para 1(3) forbids (or does not accept). */
export const PASSWORD_GENERATIONS = [
  'csprng',
  'keyed-hash',
  'encryption',
  'derived-from-identifier',
  'derived-from-public-information',
  'incremental',
  'other',
] as const;
export type PasswordGeneration = (typeof PASSWORD_GENERATIONS)[number];

/** A product's radio interfaces (RED, FCC): an empty list says the product has no radio. */
export const RADIO_INTERFACES = [
  'wifi',
  'bluetooth',
  'thread',
  'zigbee',
  'z-wave',
  'cellular',
  'nfc',
  'lora',
  'other',
] as const;
export type RadioInterface = (typeof RADIO_INTERFACES)[number];

export const SBOM_FORMATS = ['spdx', 'cyclonedx', 'other'] as const;

/** A test or certification report by a lab or conformity body, for the regime (scheme) it was made for. */
export interface LabTestReport {
  /** The regime id the report was made for, e.g. us-cyber-trust-mark, sg-cls, jp-jcstar, eu-cra. */
  scheme: string;
  lab: string;
  reportId: string;
  /** Issue date, YYYY-MM-DD. */
  date: string;
  /** For a levelled scheme: the level the report supports. */
  level?: number;
}

export const STATEMENT_STATUSES = ['implemented', 'not-implemented', 'not-applicable'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

export interface ProvisionStatement {
  status: StatementStatus;
  detail?: string;
  /** Required for not-applicable; for recommendations not implemented, V3.1.3 (5.0-1) requires one too. */
  justification?: string;
}

export interface Declaration {
  schemaVersion: typeof DECLARATION_SCHEMA_VERSION;
  manufacturer: {
    name: string;
    address?: string;
    website?: string;
    authorisedRepresentative?: { name: string; address: string };
  };
  product: {
    brand: string;
    model: string;
    name?: string;
    category: ProductCategory;
    /** Normalised by parseDeclaration to 14 digits with a verified check digit. */
    gtins: string[];
    hardwareVersion?: string;
    firmwareVersion?: string;
    batch?: string;
    cellular?: boolean;
    designedForChildrenUnder14?: boolean;
    /** PSTI Schedule 3 exceptions that the category alone cannot tell. */
    exceptions?: { northernIrelandWindsorFramework?: boolean; cpaAssuredSmartMeter?: boolean };
    /** The day the model was first placed on the market (the CRA counts the support period from placing). */
    firstPlacedOnMarket?: string;
    /** The radio interfaces; [] = no radio. Absent: RED and FCC presume a radio. */
    radioInterfaces?: RadioInterface[];
    /** The time the product is expected to be in use, in months, when under five years (CRA Art 13(8)). */
    expectedUseMonths?: number;
    /** Facts that decide the CRA class (Annexes III and IV) where the category alone cannot. */
    features?: {
      securityFunction?: boolean;
      generalPurposeAssistant?: boolean;
      socialInteraction?: boolean;
      locationTracking?: boolean;
      healthMonitoring?: boolean;
      smartMeterGateway?: boolean;
    };
  };
  passwords: {
    usesPasswords: boolean;
    scheme: PasswordScheme;
    generation?: PasswordGeneration;
    resettableToUniversalDefault?: boolean;
  };
  vulnerabilityDisclosure: {
    /** mailto:, https: (or http:) or tel: URIs. */
    contacts: string[];
    policyUrl?: string;
    acknowledgementWithinDays?: number;
    statusUpdatesEveryDays?: number;
    securityTxtUrl?: string;
    /** The manufacturer follows ISO/IEC 29147:2018 (6.2.2, 6.2.5, 6.5): PSTI Schedule 2 para 2's second route. */
    iso29147?: boolean;
  };
  supportPeriod?: { endDate: string; publishedAt?: string };
  provisions?: { catalog: CatalogId; statements: Record<string, ProvisionStatement> };
  signatory?: { name: string; function: string; place: string; date: string };
  /** Reports by labs, inspection or notified bodies (Cyber Trust Mark, CLS 3-4, JC-STAR 3-4, Traficom, CRA). */
  labTestReports?: LabTestReport[];
  /** Where the software bill of materials is kept (CRA Annex I Part II (1)); the URL only if it is published. */
  sbom?: { format: (typeof SBOM_FORMATS)[number]; url?: string };
}
