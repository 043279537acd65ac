import { Rule } from '../../engine/types';
import { T, judgeBool } from '../../facts/azure';

/** An Azure OpenAI / AI Services account is reachable only through private endpoints; azurerm 4.x defaults public_network_access_enabled to true. */
export const CognitiveServicesPublicNetworkDisabled: Rule = {
  id: 'AZURE.CognitiveServices.PublicNetworkDisabled',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.cognitiveAccount],
  description: 'An Azure OpenAI / AI Services (cognitive) account accepts calls from the public internet.',
  rationale: 'A model endpoint reachable from anywhere lets stolen credentials be used from any address; with private access only, every call crosses a network whose flow logs the kit records.',
  fix: 'Set public_network_access_enabled = false on the azurerm_cognitive_account and reach it through a private endpoint.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004', 'T1567'],
  atlas: ['AML.T0040', 'AML.T0012'],
  check: (r, ctx) => judgeBool(ctx.model, r, 'public_network_access_enabled', false, true),
};
