import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { show } from '../../facts/aws/evidence';

/** The delivery frequencies of at most six hours, the kit's default (ConfigurationHistory). */
const FREQUENT_ENOUGH = ['One_Hour', 'Three_Hours', 'Six_Hours'];
const ALL = [...FREQUENT_ENOUGH, 'Twelve_Hours', 'TwentyFour_Hours'];

/**
 * ConfigSnapshotDeliveryProperties.DeliveryFrequency takes One_Hour, Three_Hours, Six_Hours,
 * Twelve_Hours or TwentyFour_Hours (AWS Config API reference); the documentation states no
 * frequency for a channel that leaves it out, so an absent value is a finding, not a pass.
 */
export const ConfigSnapshotFrequency: Rule = {
  id: 'AWS.Config.SnapshotFrequency',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::Config::DeliveryChannel'],
  description: 'An AWS Config delivery channel states no snapshot frequency, or delivers snapshots less often than every six hours.',
  rationale:
    'A snapshot is the full inventory of every recorded resource at one time: the baseline an investigator compares against when the history files around an incident are incomplete, or when the recorder was stopped. Without a stated frequency, or with one of 12 or 24 hours, the last baseline before an incident can be a day old.',
  fix: 'Use ConfigurationHistory (Six_Hours by default), or set ConfigSnapshotDeliveryProperties.DeliveryFrequency to One_Hour, Three_Hours or Six_Hours (hashicorp/aws: snapshot_delivery_properties { delivery_frequency }).',
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1485'],
  atlas: [],
  check: (r, ctx) => {
    const frequency = ctx.model.get(r, 'ConfigSnapshotDeliveryProperties.DeliveryFrequency');
    if (isUnresolved(frequency)) return unknown(`${r.address}: ConfigSnapshotDeliveryProperties.DeliveryFrequency is unresolvable before deploy`);
    if (frequency === undefined) return nonCompliant(`${r.address}: ConfigSnapshotDeliveryProperties.DeliveryFrequency is absent, so no snapshot frequency is stated`);
    if (typeof frequency !== 'string' || !ALL.includes(frequency)) return nonCompliant(`${r.address}: ConfigSnapshotDeliveryProperties.DeliveryFrequency is ${show(frequency)}, which Config does not accept`);
    if (!FREQUENT_ENOUGH.includes(frequency)) return nonCompliant(`${r.address}: ConfigSnapshotDeliveryProperties.DeliveryFrequency is ${frequency}, so the last snapshot before an incident can be up to ${frequency === 'Twelve_Hours' ? 12 : 24} hours old`);
    return compliant(`${r.address}: a snapshot of every recorded resource is delivered ${frequency.replace('_', ' ').toLowerCase().replace('one hour', 'every hour').replace(/^(three|six) hours$/, 'every $1 hours')}`);
  },
};
