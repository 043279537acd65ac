import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/** An Azure OpenAI / AI Services account accepts only Entra ID tokens; azurerm 4.x defaults local_auth_enabled to true. */
export const CognitiveServicesLocalAuthDisabled: Rule = {
  id: 'AZURE.CognitiveServices.LocalAuthDisabled',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.cognitiveAccount],
  description: 'An Azure OpenAI / AI Services (cognitive) account accepts its API keys (local authentication).',
  rationale: 'A call made with an account key carries no identity: its logs show the key was used, not who used it, and a leaked key works from anywhere until it is rotated. With Entra ID only, every call names a principal the sign-in logs also record.',
  fix: 'Set local_auth_enabled = false on the azurerm_cognitive_account (with custom_subdomain_name set, which Entra ID tokens need) and grant callers a Cognitive Services role.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0012', 'AML.T0055'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'local_auth_enabled', false, true),
};
