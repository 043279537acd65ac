/** The Azure archive layouts the offline investigation reads. */
import type { Layout } from '../layout';
import { AZURE_ACTIVITY } from './activity';
import { AZURE_ML } from './machine-learning';
import { AZURE_SIGNIN } from './sign-ins';
import { AZURE_STORAGE_BLOB } from './storage-blob';
import { AZURE_VNET_FLOWS } from './vnet-flows';

export { AZURE_ACTIVITY, AZURE_ML, AZURE_SIGNIN, AZURE_STORAGE_BLOB, AZURE_VNET_FLOWS };

export const AZURE_LAYOUTS: readonly Layout[] = [AZURE_STORAGE_BLOB, AZURE_ML, AZURE_ACTIVITY, AZURE_SIGNIN, AZURE_VNET_FLOWS];
