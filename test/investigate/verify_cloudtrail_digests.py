"""An independent check of a CloudTrail copy's digests, with Python's `cryptography` package.

    python3 verify_cloudtrail_digests.py COPY KEYS_FILE

Written from AWS's documentation of the digest file, not from the kit's verifier, so that the
kit's signer and verifier are not only agreeing with each other. For every digest under COPY
(signature from its .metadata.json sidecar): the RSA PKCS#1 v1.5 SHA-256 signature over
"digestEndTime\\ndigestS3Bucket/digestS3Object\\nhex(sha256(decompressed digest))\\n
previousDigestSignature-or-null", with the key its fingerprint names; the link to the previous
digest (its key, hash and signature); every log file's SHA-256. Prints one JSON line of counts
and problems; exits 0 only when there is no problem.
"""
import base64
import gzip
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def main(copy, keys_file):
    with open(keys_file) as f:
        doc = json.load(f)
    outputs = doc if isinstance(doc, list) else [doc]
    keys = {}
    for output in outputs:
        for entry in output["PublicKeyList"]:
            # Value: base64 of the DER PKCS#1 RSAPublicKey, which the DER loader reads as such.
            keys[entry["Fingerprint"]] = serialization.load_der_public_key(base64.b64decode(entry["Value"]))

    digests = {}
    for folder, _, names in os.walk(copy):
        for name in names:
            if "_CloudTrail-Digest_" in name and name.endswith(".json.gz"):
                path = os.path.join(folder, name)
                key = os.path.relpath(path, copy).replace(os.sep, "/")
                with open(path, "rb") as f:
                    raw = gzip.decompress(f.read())
                with open(path + ".metadata.json") as f:
                    meta = json.load(f)["metadata"]
                digests[key] = (json.loads(raw), raw, meta)

    problems = []
    logs = 0
    for key, (body, raw, meta) in sorted(digests.items()):
        if body["digestS3Object"] != key:
            problems.append(f"{key}: names {body['digestS3Object']}")
        previous = body["previousDigestSignature"]
        message = "\n".join(
            [
                body["digestEndTime"],
                f"{body['digestS3Bucket']}/{body['digestS3Object']}",
                hashlib.sha256(raw).hexdigest(),
                "null" if previous is None else previous,
            ]
        ).encode()
        if meta.get("signature-algorithm") != "SHA256withRSA":
            problems.append(f"{key}: algorithm {meta.get('signature-algorithm')}")
        try:
            keys[body["digestPublicKeyFingerprint"]].verify(
                bytes.fromhex(meta["signature"]), message, padding.PKCS1v15(), hashes.SHA256()
            )
        except (InvalidSignature, KeyError):
            problems.append(f"{key}: signature")
        prev_key = body["previousDigestS3Object"]
        if prev_key is not None:
            if prev_key not in digests:
                problems.append(f"{key}: previous {prev_key} missing")
            else:
                _, prev_raw, prev_meta = digests[prev_key]
                if hashlib.sha256(prev_raw).hexdigest() != body["previousDigestHashValue"]:
                    problems.append(f"{key}: previous hash")
                if prev_meta["signature"] != previous:
                    problems.append(f"{key}: previous signature")
        for log in body["logFiles"]:
            logs += 1
            with open(os.path.join(copy, *log["s3Object"].split("/")), "rb") as f:
                if hashlib.sha256(gzip.decompress(f.read())).hexdigest() != log["hashValue"]:
                    problems.append(f"{log['s3Object']}: hash")

    print(json.dumps({"digests": len(digests), "logFiles": logs, "problems": problems}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
