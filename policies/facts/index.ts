/**
 * Facts of the evidence graph, per cloud: each cloud's module has the same functions
 * (`storeGuarantee`, `STORE_TYPES`), and this one asks the cloud a resource belongs to.
 * hashicorp/aws Terraform is translated by `aws/terraform.ts` before any fact is read.
 */
import { ResourceModel } from '../engine/model';
import { Resource } from '../engine/types';
import * as aws from './aws/stores';
import * as azure from './azure/stores';
import * as gcp from './gcp/stores';
import { StoreFacts } from './types';

export type { StoreFacts, StoreGuarantee } from './types';

const CLOUDS = { aws, gcp, azure } as const;

/** Every resource type evidence is kept in, in all clouds. */
export const STORE_TYPES: ReadonlySet<string> = new Set([...aws.STORE_TYPES, ...gcp.STORE_TYPES, ...azure.STORE_TYPES]);

/** The facts of a store: retention and immutability as its cloud's facts module reads them; nulls, never a guess, for any other type. */
export function storeFacts(model: ResourceModel, r: Resource): StoreFacts {
  const cloud = r.cloud === 'other' ? undefined : CLOUDS[r.cloud];
  const g = cloud?.storeGuarantee(model, r);
  return { address: r.address, type: r.translatedFrom?.type ?? r.type, file: r.sourceFile, ...(g ?? { retentionDays: null, immutability: 'unknown' }) };
}

/** The stores a value (a destination property) points at. */
export function storesIn(model: ResourceModel, value: unknown, from: Resource): Resource[] {
  return model.targets(value, from).filter((t) => STORE_TYPES.has(t.type));
}
