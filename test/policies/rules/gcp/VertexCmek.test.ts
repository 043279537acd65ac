import { VertexCmek } from '../../../../policies/rules/gcp/VertexCmek';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const KEY = 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k';

describe('GCP.Vertex.Cmek', () => {
  it('passes every CMEK-capable Vertex resource with a literal key', () => {
    const spec = { encryption_spec: { kms_key_name: KEY } };
    const m = tf({
      google_vertex_ai_endpoint: { e: { name: 'e', display_name: 'e', location: 'us-central1', ...spec } },
      google_vertex_ai_dataset: { d: { display_name: 'd', metadata_schema_uri: 'gs://x', ...spec } },
      google_vertex_ai_featurestore: { f: { name: 'f', ...spec } },
      google_vertex_ai_tensorboard: { t: { display_name: 't', encryption_spec: [{ kms_key_name: KEY }] } },
    });
    for (const a of ['google_vertex_ai_endpoint.e', 'google_vertex_ai_dataset.d', 'google_vertex_ai_featurestore.f', 'google_vertex_ai_tensorboard.t']) {
      expect(judge(VertexCmek, m, a).verdict).toBe('COMPLIANT');
    }
  });

  it('passes a key that references a google_kms_crypto_key of the input', () => {
    const m = tf({
      google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } },
      google_vertex_ai_dataset: { d: { display_name: 'd', metadata_schema_uri: 'gs://x', encryption_spec: { kms_key_name: '${google_kms_crypto_key.k.id}' } } },
    });
    expect(judge(VertexCmek, m, 'google_vertex_ai_dataset.d').verdict).toBe('COMPLIANT');
  });

  it('fails without encryption_spec', () => {
    const m = tf({ google_vertex_ai_featurestore: { f: { name: 'f' } } });
    const j = judge(VertexCmek, m, 'google_vertex_ai_featurestore.f');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/kms_key_name is absent/);
  });

  it('fails an empty kms_key_name', () => {
    const m = tf({ google_vertex_ai_tensorboard: { t: { display_name: 't', encryption_spec: { kms_key_name: '' } } } });
    expect(judge(VertexCmek, m, 'google_vertex_ai_tensorboard.t').verdict).toBe('NON_COMPLIANT');
  });

  it('is UNKNOWN when kms_key_name is a variable', () => {
    const m = tf({ google_vertex_ai_endpoint: { e: { name: 'e', display_name: 'e', location: 'l', encryption_spec: { kms_key_name: '${var.key}' } } } });
    expect(judge(VertexCmek, m, 'google_vertex_ai_endpoint.e').verdict).toBe('UNKNOWN');
  });
});
