"""Tests of the example job's argument and manifest handling (no Spark needed): python3 -m unittest discover -s jobs/pyspark"""
import contextlib
import io
import json
import unittest

import example_job

MANIFEST = {
    "formatVersion": 1, "runId": "r1", "bucket": "my-data", "rawPrefix": "raw/", "objectCount": 2, "totalBytes": 30,
    "sha256": "unused here",
    "objects": [{"key": "raw/a.csv", "etag": "e1", "size": 10, "lastModified": "2026-11-20T10:00:00Z"},
                {"key": "raw/b.csv", "etag": "e2", "size": 20, "lastModified": "2026-11-20T10:00:01Z"}],
}


class ExampleJobTest(unittest.TestCase):
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
