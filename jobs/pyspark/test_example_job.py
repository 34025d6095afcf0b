"""Tests of the example job's argument and manifest handling (no Spark needed): python3 -m unittest discover -s jobs/pyspark"""
import contextlib
import hashlib
import io
import json
import os
import unittest

import example_job

MANIFEST = {
    "formatVersion": 1, "runId": "r1", "bucket": "my-data", "rawPrefix": "raw/", "objectCount": 2, "totalBytes": 30,
    "sha256": "unused here",
    "objects": [{"key": "raw/a.csv", "etag": "e1", "size": 10, "lastModified": "2026-11-20T10:00:00Z"},
                {"key": "raw/b.csv", "etag": "e2", "size": 20, "lastModified": "2026-11-20T10:00:01Z"}],
}

# The golden manifest of docs/data-formats/ (docs/data-formats.md): the storage sizing writes it byte for byte, the
# run ledger and the Java job read it; this job reads it too. Part of the repository, so a missing file fails.
GOLDEN_MANIFEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "data-formats",
                               "before-commit", "manifests", "2026-11-22-daily.json")


class ExampleJobTest(unittest.TestCase):
    def test_reads_the_golden_manifest(self):
        with open(GOLDEN_MANIFEST, encoding="utf-8") as f:
            manifest = json.load(f)
        uris = example_job.object_uris(manifest)
        self.assertEqual(7, len(uris))
        self.assertEqual("s3://my-data/raw/day=2026-11-22/a\t.csv", uris[1])
        self.assertEqual("s3://my-data/raw/day=2026-11-22/\U0001F600.csv", uris[6])

    def test_the_golden_manifest_follows_the_specification(self):
        """An independent reading of docs/data-formats.md in another language: order, uniqueness, totals, sha256."""
        with open(GOLDEN_MANIFEST, "rb") as f:
            manifest = json.loads(f.read().decode("utf-8"))
        keys = [o["key"].encode("utf-8") for o in manifest["objects"]]
        self.assertEqual(sorted(set(keys)), keys, "keys once each, in UTF-8 byte order")
        self.assertEqual(len(keys), manifest["objectCount"])
        self.assertEqual(sum(o["size"] for o in manifest["objects"]), manifest["totalBytes"])
        lines = "".join("%s\t%s\t%d\n" % (o["key"], o["etag"], o["size"]) for o in manifest["objects"])
        self.assertEqual(hashlib.sha256(lines.encode("utf-8")).hexdigest(), manifest["sha256"])

    def test_reads_exactly_the_manifests_objects(self):
        self.assertEqual(["s3://my-data/raw/a.csv", "s3://my-data/raw/b.csv"], example_job.object_uris(MANIFEST))

    def test_refuses_a_manifest_whose_totals_do_not_add_up(self):
        broken = dict(MANIFEST, totalBytes=31)
        with self.assertRaises(ValueError):
            example_job.object_uris(broken)

    def test_refuses_an_unknown_format(self):
        with self.assertRaises(ValueError):
            example_job.object_uris(dict(MANIFEST, formatVersion=2))

    def test_parses_the_arguments_the_state_machine_passes(self):
        arguments = example_job.parse_arguments(["--manifest", "s3://b/p/manifests/r1.json", "--output", "s3://b/output/r1/",
                                                 "--run-id", "r1", "--job-arguments", json.dumps({"mode": "full"})])
        self.assertEqual("r1", arguments.run_id)
        self.assertEqual({"mode": "full"}, arguments.job_arguments)

    def test_job_arguments_must_be_an_object(self):
        with self.assertRaises(SystemExit), contextlib.redirect_stderr(io.StringIO()):
            example_job.parse_arguments(["--manifest", "m", "--output", "o", "--run-id", "r", "--job-arguments", "[1]"])


if __name__ == "__main__":
    unittest.main()
