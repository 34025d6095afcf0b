package emrpipeline.bench.coldstart;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import emrpipeline.sizing.ClientEnvironment;
import emrpipeline.sizing.SizingClients;

/**
 * StorageSizingFunction against S3Proxy on loopback: a bucket of 3 partitions x 40 small files, each run a new
 * run id, so every run lists, finds 120 new objects and writes a manifest; boto3 makes the same calls.
 */
final class StorageSizingColdStart implements ColdStart.Subject, AutoCloseable {
    private static final String BUCKET = "cold-start-data";
    private final S3Proxy proxy;
    private final String endpoint;

    StorageSizingColdStart() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "cold-start", "cold-start")
                .build();
        proxy.start(); // Jetty's start returns once the server accepts connections
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        try (S3Client s3 = SizingClients.s3(ClientEnvironment.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_S3", endpoint))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("cold-start", "cold-start"))))) {
            s3.createBucket(b -> b.bucket(BUCKET));
            for (int partition = 0; partition < 3; partition++) {
                for (int file = 0; file < 40; file++) {
                    String key = "raw/day=2026-11-2" + partition + "/part-" + file + ".csv";
                    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("id,value\n" + key + ",1\n"));
                }
            }
        }
    }

    @Override
    public String logicalId() {
        return "StorageSizingFunction";
    }

    @Override
    public String handler() {
        return "emrpipeline.sizing.StorageSizingHandler::handleRequest";
    }

    @Override
    public String event(int run) {
        return "{\"runId\":\"java-" + run + "\"}";
    }

    @Override
    public Map<String, String> functionEnvironment() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL_S3", endpoint, "DATA_BUCKET", BUCKET, "RAW_PREFIX", "raw/", "PIPELINE_PREFIX", "emr-pipeline/",
                "CORE_NODE_COUNT", "2", "VOLUMES_PER_INSTANCE", "1", "EXPANSION_FACTOR", "3.0", "HEADROOM_GIB", "16",
                "MIN_GIB", "32", "MAX_GIB", "1024"));
        environment.put("LIST_CONCURRENCY", "16");
        return environment;
    }

    @Override
    public String pythonScript() {
        return String.join("\n",
                "import boto3, hashlib, json, os",
                "from concurrent.futures import ThreadPoolExecutor",
                "s3 = boto3.client('s3')",
                "bucket, run = os.environ['DATA_BUCKET'], os.environ['RUN_ID']",
                "manifest_key = 'emr-pipeline/manifests/' + run + '.json'",
                "s3.list_objects_v2(Bucket=bucket, Prefix=manifest_key)",
                "s3.list_objects_v2(Bucket=bucket, Prefix='emr-pipeline/index/v2/root.json')",
                "s3.list_objects_v2(Bucket=bucket, Prefix='emr-pipeline/index/processed.tsv.gz')",
                "top = s3.list_objects_v2(Bucket=bucket, Prefix='raw/', Delimiter='/')",
                "def listing(prefix):",
                "    out = []",
                "    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix):",
                "        out += page.get('Contents', [])",
                "    return out",
                "with ThreadPoolExecutor(16) as pool:",
                "    objects = [o for part in pool.map(listing, [p['Prefix'] for p in top.get('CommonPrefixes', [])]) for o in part]",
                "objects.sort(key=lambda o: o['Key'])",
                "lines = ''.join(o['Key'] + '\\t' + o['ETag'].strip('\"') + '\\t' + str(o['Size']) + '\\n' for o in objects)",
                "body = json.dumps({'formatVersion': 1, 'runId': run, 'bucket': bucket, 'objectCount': len(objects),",
                "    'totalBytes': sum(o['Size'] for o in objects), 'sha256': hashlib.sha256(lines.encode()).hexdigest(),",
                "    'objects': [{'key': o['Key'], 'etag': o['ETag'].strip('\"'), 'size': o['Size'],",
                "                 'lastModified': o['LastModified'].isoformat()} for o in objects]})",
                "s3.put_object(Bucket=bucket, Key=manifest_key, Body=body.encode(), IfNoneMatch='*')",
                "print(len(objects))");
    }

    @Override
    public Map<String, String> pythonEnvironment(int run) {
        return Map.of("AWS_ENDPOINT_URL_S3", endpoint, "DATA_BUCKET", BUCKET, "RUN_ID", "python-" + run,
                "AWS_ACCESS_KEY_ID", "cold-start", "AWS_SECRET_ACCESS_KEY", "cold-start", "AWS_DEFAULT_REGION", "us-east-1");
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
