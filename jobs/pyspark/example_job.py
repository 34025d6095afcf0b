"""Example Spark job for emr-pipeline: processes exactly the objects of one run's manifest.

The state machine submits it as
    spark-submit --deploy-mode cluster example_job.py \
        --manifest s3://<bucket>/<pipeline prefix>manifests/<runId>.json \
        --output s3://<bucket>/<OutputPrefix><runId>/ --run-id <runId> --job-arguments '<JSON object>'

It reads the manifest (never lists the raw prefix: the manifest is the run's exact input), reads those CSV
objects, and writes them as Parquet with the run id, so a re-run of the same run id rewrites the same output.
Upload it to S3 and give its URI as the template's JobEntryPoint. Replace the transformation with your own.
"""
import argparse
import json


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True, help="s3:// URI of the run's manifest")
    parser.add_argument("--output", required=True, help="s3:// prefix this run writes to")
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--job-arguments", default="{}", help="a JSON object (template JobArgumentsJson + execution input)")
    arguments = parser.parse_args(argv)
    arguments.job_arguments = json.loads(arguments.job_arguments)
    if not isinstance(arguments.job_arguments, dict):
        parser.error("--job-arguments must be a JSON object")
    return arguments


def object_uris(manifest):
    """The s3:// URIs of a manifest's objects, checked against its totals (docs/data-formats.md)."""
    if manifest.get("formatVersion") != 1:
        raise ValueError("unsupported manifest formatVersion %r" % manifest.get("formatVersion"))
    objects = manifest["objects"]
    if len(objects) != manifest["objectCount"] or sum(o["size"] for o in objects) != manifest["totalBytes"]:
        raise ValueError("the manifest's objects do not add up to its objectCount / totalBytes")
    return ["s3://%s/%s" % (manifest["bucket"], o["key"]) for o in objects]


def main():
    arguments = parse_arguments()
    from pyspark.sql import SparkSession, functions  # on the cluster only

    spark = SparkSession.builder.appName("emr-pipeline " + arguments.run_id).getOrCreate()
    manifest_text = "".join(spark.sparkContext.textFile(arguments.manifest, minPartitions=1).collect())
    uris = object_uris(json.loads(manifest_text))
    frame = (spark.read.option("header", "true").csv(uris)
             .withColumn("run_id", functions.lit(arguments.run_id))
             .withColumn("source_file", functions.input_file_name()))
    frame.write.mode("overwrite").parquet(arguments.output)
    spark.stop()


if __name__ == "__main__":
    main()
