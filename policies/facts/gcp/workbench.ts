/**
 * The attributes of a Vertex AI Workbench VM that GCP.Workbench.Hardening reads, per type
 * (google_workbench_instance keeps them under gce_setup, the legacy google_notebooks_instance at
 * top level), with the provider's documented value when an attribute is absent.
 */

/** A shielded-VM switch and what its absence means. */
export interface ShieldedSwitch {
  /** The attribute path. */
  readonly path: string;
  /** Its value when absent: secure boot is off unless set, vTPM and integrity monitoring on unless turned off. */
  readonly absent: boolean;
}

/** A disk's encryption attribute (GMEK unless set to CMEK) and its key attribute. */
export interface DiskEncryption {
  /** The disk_encryption path. */
  readonly encryption: string;
  /** The kms_key path. */
  readonly key: string;
}

/** The attributes of one notebook VM type. */
export interface WorkbenchAttributes {
  /** The shielded-VM switches. */
  readonly shielded: readonly ShieldedSwitch[];
  /** Each disk's encryption. */
  readonly disks: readonly DiskEncryption[];
  /** The metadata map (where notebook-disable-root lives). */
  readonly metadata: string;
}

const shielded = (prefix: string): ShieldedSwitch[] => [
  { path: `${prefix}shielded_instance_config.enable_secure_boot`, absent: false },
  { path: `${prefix}shielded_instance_config.enable_vtpm`, absent: true },
  { path: `${prefix}shielded_instance_config.enable_integrity_monitoring`, absent: true },
];

/** The notebook VM types and their attributes. */
export const WORKBENCH_ATTRIBUTES: Readonly<Record<'google_workbench_instance' | 'google_notebooks_instance', WorkbenchAttributes>> = {
  google_workbench_instance: {
    shielded: shielded('gce_setup.'),
    disks: [
      { encryption: 'gce_setup.boot_disk.disk_encryption', key: 'gce_setup.boot_disk.kms_key' },
      { encryption: 'gce_setup.data_disks.disk_encryption', key: 'gce_setup.data_disks.kms_key' },
    ],
    metadata: 'gce_setup.metadata',
  },
  google_notebooks_instance: { shielded: shielded(''), disks: [{ encryption: 'disk_encryption', key: 'kms_key' }], metadata: 'metadata' },
};
